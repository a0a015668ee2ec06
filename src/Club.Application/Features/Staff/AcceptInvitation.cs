using Club.Application.Abstractions;
using Club.Application.Validation;
using Club.Domain.Members;
using FluentValidation;
using Mediator;

namespace Club.Application.Features.Staff;

/// <summary>The invited staff member chooses a password with the link's code; the second factor is enrolled at first sign-in.</summary>
public sealed record AcceptInvitationCommand(Guid UserId, string? Code, string? Password, string? Confirm) : ICommand<Result>;

public sealed class AcceptInvitationValidator : CommandValidator<AcceptInvitationCommand>
{
    public AcceptInvitationValidator()
    {
        RuleFor(c => c.Password).Must(p => !string.IsNullOrEmpty(p)).WithKey("Choose a password.")
            .Must(p => p!.Length is >= PasswordRules.MinLength and <= PasswordRules.MaxLength).WithKey("The password must be at least 10 characters long.");
        RuleFor(c => c.Confirm).Equal(c => c.Password).WithKey("The two passwords differ.");
    }
}

public sealed class AcceptInvitationHandler(IStaffAccounts accounts) : ICommandHandler<AcceptInvitationCommand, Result>
{
    public async ValueTask<Result> Handle(AcceptInvitationCommand command, CancellationToken cancellationToken)
    {
        var refusal = await accounts.AcceptInvitationAsync(command.UserId, command.Code ?? "", command.Password!, cancellationToken);
        return refusal is null ? Result.Ok : Result.Fail(refusal, nameof(command.Password));
    }
}
