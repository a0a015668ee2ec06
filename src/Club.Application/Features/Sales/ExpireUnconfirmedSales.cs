using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Sales;

/// <summary>
/// Expires, unpaid, the sales whose buyer did not register the item within the window and the claims
/// the buyer did not answer within the answer days. Set-based UPDATEs, so running it twice (or on two
/// nodes) changes nothing the second time; the pending points never reached the ledger, so nothing is
/// reversed there. Meant for the scheduler.
/// </summary>
public sealed record ExpireUnconfirmedSalesCommand : ICommand<int>;

public sealed class ExpireUnconfirmedSalesHandler(IClubDbFactory dbFactory, TimeProvider clock)
    : ICommandHandler<ExpireUnconfirmedSalesCommand, int>
{
    public async ValueTask<int> Handle(ExpireUnconfirmedSalesCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        return await SaleClaims.ExpireStaleAsync(db, policy, clock.GetUtcNow(), tagId: null, cancellationToken);
    }
}
