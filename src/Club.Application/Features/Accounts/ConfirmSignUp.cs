using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>The button behind the mailed sign-up link: creates the account and signs it in.</summary>
public sealed record ConfirmSignUpCommand(string Token) : ICommand<SignUpCompletion>;

public sealed class ConfirmSignUpHandler(IAccounts accounts) : ICommandHandler<ConfirmSignUpCommand, SignUpCompletion>
{
    public async ValueTask<SignUpCompletion> Handle(ConfirmSignUpCommand command, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(command.Token) || command.Token.Length > 4000
            ? new SignUpCompletion(SignUpOutcome.InvalidLink)
            : await accounts.CompleteSignUpAsync(command.Token.Trim(), cancellationToken);
}
