using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// A program manager's verdict on a confirmed sale with collusion evidence (<see cref="SaleSuspicions"/>).
/// KeepPoints: the sale stands as it is. Otherwise the sale is rejected and the seller's credit for it is
/// reversed through the ledger (by its source, sale:{id}; what the seller already spent becomes a debt).
/// Either way every open piece of evidence on the sale is closed with the verdict, and audited.
/// </summary>
public sealed record ReviewSuspectedSaleCommand(Guid ReviewerId, long SaleId, bool KeepPoints) : ICommand<Result>;

public sealed class ReviewSuspectedSaleHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<ReviewSuspectedSaleCommand, Result>
{
    public async ValueTask<Result> Handle(ReviewSuspectedSaleCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var sale = await db.Sales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SaleId, cancellationToken)
            ?? throw new NotFoundException("No such sale.");
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Closing the open evidence is the claim on the verdict: of two managers (or two clicks) one counts.
        var kinds = await db.Database.SqlQuery<string>($"""
                UPDATE sale_suspicions SET reviewed_at = {now}, reviewed_by = {command.ReviewerId}, points_kept = {command.KeepPoints}
                WHERE sale_id = {sale.Id} AND reviewed_at IS NULL
                RETURNING kind AS "Value"
                """)
            .ToListAsync(cancellationToken);
        if (kinds.Count == 0)
        {
            return Result.Fail("This sale has already been reviewed.");
        }

        var rejected = false;
        if (!command.KeepPoints)
        {
            rejected = await SaleConfirmations.MoveAsync(db, sale.Id, SaleState.Confirmed, SaleState.Rejected, sale.Flag, cancellationToken);
            if (rejected)
            {
                await PointsLedger.ReverseAsync(db, SaleConfirmations.SaleReference, sale.Id.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
            }
        }

        await audit.RecordAsync(
            new AuditChange("sale.collusion-review", "sale", sale.Id.ToString(CultureInfo.InvariantCulture),
                new { sale.State, Evidence = kinds.Order().ToList() },
                new { State = rejected ? SaleState.Rejected : sale.State, PointsKept = command.KeepPoints }, sale.SellerId),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
