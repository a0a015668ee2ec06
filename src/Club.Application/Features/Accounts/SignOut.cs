using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

public sealed record SignOutCommand : ICommand;

public sealed class SignOutHandler(IAccounts accounts) : ICommandHandler<SignOutCommand>
{
    public async ValueTask<Unit> Handle(SignOutCommand command, CancellationToken cancellationToken)
    {
        await accounts.SignOutAsync(cancellationToken);
        return Unit.Value;
    }
}
