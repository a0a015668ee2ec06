using Club.Application.Abstractions;
using Club.Application.Validation;
using Club.Domain.Members;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>A buyer joins: checked here, then a mail finishes it (docs/security.md, "Sign-up").</summary>
public sealed record SignUpCommand(string? FullName, string? Email, string? Phone, string? Password, bool Consent, string Culture, string ReturnUrl, bool Marketing = false)
    : ICommand<Result>, ISignUpFields;

public sealed class SignUpValidator : CommandValidator<SignUpCommand>
{
    public SignUpValidator() => this.AddSignUpFieldRules();
}

public sealed class SignUpHandler(IAccounts accounts, IRateLimiter limiter) : ICommandHandler<SignUpCommand, Result>
{
    public async ValueTask<Result> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        PhoneNumber.TryNormalize(command.Phone, out var phone);
        var member = new NewMember(command.Email!.Trim(), phone, command.FullName!.Trim(), Roles.Buyer, command.Culture, Marketing: command.Marketing);
        return await SignUpRules.StartAsync(accounts, limiter, member, command.Password!, command.ReturnUrl, cancellationToken);
    }
}
