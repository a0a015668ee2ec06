using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>The signed-in member's authenticator enrolment: key and QR code, or that it is already on.</summary>
public sealed record GetAuthenticatorSetupQuery : IQuery<AuthenticatorSetup>;

public sealed class GetAuthenticatorSetupHandler(IAccounts accounts) : IQueryHandler<GetAuthenticatorSetupQuery, AuthenticatorSetup>
{
    public async ValueTask<AuthenticatorSetup> Handle(GetAuthenticatorSetupQuery query, CancellationToken cancellationToken) =>
        await accounts.GetAuthenticatorSetupAsync(cancellationToken);
}
