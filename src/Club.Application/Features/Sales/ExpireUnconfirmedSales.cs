using Club.Application.Abstractions;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// Cancels the pending points of sales whose buyer did not register the item within the window.
/// One set-based UPDATE, so running it twice (or on two nodes) changes nothing the second time; the
/// pending points never reached the ledger, so nothing is reversed there. Meant for the scheduler.
/// </summary>
public sealed record ExpireUnconfirmedSalesCommand : ICommand<int>;

public sealed class ExpireUnconfirmedSalesHandler(IClubDbFactory dbFactory, SalesRules rules, TimeProvider clock)
    : ICommandHandler<ExpireUnconfirmedSalesCommand, int>
{
    public async ValueTask<int> Handle(ExpireUnconfirmedSalesCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var cutoff = clock.GetUtcNow().AddDays(-rules.WindowDays);
        var (expired, awaiting) = (nameof(SaleState.Expired), nameof(SaleState.AwaitingBuyer));
        return await db.Database.ExecuteSqlAsync(
            $"UPDATE sales SET state = {expired} WHERE state = {awaiting} AND recorded_at < {cutoff}", cancellationToken);
    }
}
