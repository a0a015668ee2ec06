using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Members;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// A program manager's verdict on a held sale. Approved: it continues as a normal sale (confirmed and
/// paid at once if its buyer has registered, else it waits for the buyer). Rejected: no points, ever, and
/// the item is free for the seller who did sell it.
/// A self-purchase cannot be approved, nor a sale of a seller who is not active (approved after reactivation).
/// </summary>
public sealed record ReviewSaleCommand(long SaleId, bool Approve) : ICommand<Result>;

public sealed class ReviewSaleHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<ReviewSaleCommand, Result>
{
    public async ValueTask<Result> Handle(ReviewSaleCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var sale = await db.Sales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SaleId, cancellationToken)
            ?? throw new NotFoundException("No such sale.");
        if (sale.State != SaleState.Flagged)
        {
            return Result.Fail("This sale has already been reviewed.");
        }

        if (command.Approve && sale.Flag == SaleFlag.SelfPurchase)
        {
            return Result.Fail("A seller cannot earn points for buying from themselves.");
        }

        // Only an active seller is paid: a suspended seller's claim waits in the queue until reactivation.
        if (command.Approve && !await db.Members.AnyAsync(m => m.Id == sale.SellerId && m.SellerStatus == SellerStatus.Active, cancellationToken))
        {
            return Result.Fail("The seller's account is not active: activate it before approving the sale.");
        }

        var (target, flagged) = (command.Approve ? nameof(SaleState.AwaitingBuyer) : nameof(SaleState.Rejected), nameof(SaleState.Flagged));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional on Flagged: of two managers (or two clicks) one verdict counts.
        var moved = await db.Database.ExecuteSqlAsync(
            $"UPDATE sales SET state = {target} WHERE id = {sale.Id} AND state = {flagged}", cancellationToken);
        if (moved == 0)
        {
            return Result.Fail("This sale has already been reviewed.");
        }

        if (command.Approve && await db.Tags.Where(t => t.Id == sale.TagId).Select(t => t.OwnerMemberId).SingleAsync(cancellationToken) is { } buyer)
        {
            var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
            await SaleConfirmations.ConfirmAsync(db, sale, SaleState.AwaitingBuyer, buyer, clock.GetUtcNow(), policy.WindowDays, cancellationToken);
        }

        await audit.RecordAsync(
            new AuditChange("sale.review", "sale", sale.Id.ToString(CultureInfo.InvariantCulture),
                new { State = SaleState.Flagged, sale.Flag }, new { State = target, Approved = command.Approve }, sale.SellerId),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
