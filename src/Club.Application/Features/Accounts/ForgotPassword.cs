using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>Asks for a reset link; the answer is the same whether or not the email has an account.</summary>
public sealed record ForgotPasswordCommand(string Email) : ICommand;

public sealed class ForgotPasswordHandler(IAccounts accounts) : ICommandHandler<ForgotPasswordCommand>
{
    public async ValueTask<Unit> Handle(ForgotPasswordCommand command, CancellationToken cancellationToken)
    {
        await accounts.SendPasswordResetAsync(command.Email.Trim(), cancellationToken);
        return Unit.Value;
    }
}
