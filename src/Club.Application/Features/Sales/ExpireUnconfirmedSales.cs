using Club.Application.Abstractions;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

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
        var now = clock.GetUtcNow();
        var (registrationCutoff, answerCutoff) = (now.AddDays(-policy.WindowDays), now.AddDays(-policy.AnswerDays));
        var (expired, awaitingBuyer, awaitingAnswer) = (nameof(SaleState.Expired), nameof(SaleState.AwaitingBuyer), nameof(SaleState.AwaitingConfirmation));
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE sales SET state = {expired}
            WHERE (state = {awaitingBuyer} AND recorded_at < {registrationCutoff})
               OR (state = {awaitingAnswer} AND recorded_at < {answerCutoff})
            """, cancellationToken);
    }
}
