using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>A new password with the code from the mailed link.</summary>
public sealed record ResetPasswordCommand(string Email, string Code, string NewPassword) : ICommand<Result>;

public sealed class ResetPasswordHandler(IAccounts accounts) : ICommandHandler<ResetPasswordCommand, Result>
{
    public async ValueTask<Result> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var errors = await accounts.ResetPasswordAsync(command.Email.Trim(), command.Code, command.NewPassword, cancellationToken);
        return errors.Count == 0 ? Result.Ok : Result.Fail(errors[0]);
    }
}
