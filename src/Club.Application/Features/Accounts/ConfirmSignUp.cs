using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>The form behind the mailed sign-up link: the password chosen in the sign-up form, typed again, creates the account and signs it in.</summary>
public sealed record ConfirmSignUpCommand(string Token, string Password) : ICommand<SignUpCompletion>;

public sealed class ConfirmSignUpHandler(IAccounts accounts) : ICommandHandler<ConfirmSignUpCommand, SignUpCompletion>
{
    public async ValueTask<SignUpCompletion> Handle(ConfirmSignUpCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Token) || command.Token.Length > 4000)
        {
            return new SignUpCompletion(SignUpOutcome.InvalidLink);
        }

        return string.IsNullOrEmpty(command.Password) || command.Password.Length > 200
            ? new SignUpCompletion(SignUpOutcome.WrongPassword)
            : await accounts.CompleteSignUpAsync(command.Token.Trim(), command.Password, cancellationToken);
    }
}
