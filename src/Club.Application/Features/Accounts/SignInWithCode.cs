using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>The second sign-in step, after the password: an authenticator or recovery code.</summary>
public sealed record SignInWithCodeCommand(string Code, bool RememberMe) : ICommand<SignInOutcome>;

public sealed class SignInWithCodeHandler(IAccounts accounts) : ICommandHandler<SignInWithCodeCommand, SignInOutcome>
{
    public async ValueTask<SignInOutcome> Handle(SignInWithCodeCommand command, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(command.Code) || command.Code.Length > 20
            ? SignInOutcome.Failed
            : await accounts.SignInWithSecondFactorAsync(command.Code.Trim(), command.RememberMe, cancellationToken);
}
