using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>Enrols the signed-in member's authenticator app with a code it shows.</summary>
public sealed record EnableAuthenticatorCommand(string Code) : ICommand<EnableAuthenticatorResult>;

/// <summary>The recovery codes on success (shown once); otherwise the message key.</summary>
public sealed record EnableAuthenticatorResult(IReadOnlyList<string> RecoveryCodes, string? Error)
{
    public bool Succeeded => Error is null;
}

public sealed class EnableAuthenticatorHandler(IAccounts accounts) : ICommandHandler<EnableAuthenticatorCommand, EnableAuthenticatorResult>
{
    public async ValueTask<EnableAuthenticatorResult> Handle(EnableAuthenticatorCommand command, CancellationToken cancellationToken)
    {
        var code = new string((command.Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6)
        {
            return new EnableAuthenticatorResult([], "Enter the 6-digit code your authenticator app shows.");
        }

        var recoveryCodes = await accounts.EnableAuthenticatorAsync(code, cancellationToken);
        return recoveryCodes is null
            ? new EnableAuthenticatorResult([], "This code does not match. Check the time on your phone and enter the current code.")
            : new EnableAuthenticatorResult(recoveryCodes, null);
    }
}
