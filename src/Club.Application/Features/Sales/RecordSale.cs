using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>A seller records that they sold the item with this tag (scanned, photographed or typed).</summary>
public sealed record RecordSaleCommand(Guid SellerId, string? Serial) : ICommand<RecordSaleResult>;

/// <summary>The outcome in plain words (an English message key), and the sale when one was recorded.</summary>
public sealed record RecordSaleResult(string Message, long? SaleId = null, SaleState? State = null)
{
    public bool Recorded => SaleId is not null;
}

public sealed class RecordSaleHandler(IClubDbFactory dbFactory, ITagCodes codes, SaleConfirmations confirmations, SalesRules rules, TimeProvider clock)
    : ICommandHandler<RecordSaleCommand, RecordSaleResult>
{
    public async ValueTask<RecordSaleResult> Handle(RecordSaleCommand command, CancellationToken cancellationToken)
    {
        switch (codes.TryDecodeSerial(command.Serial, out var tagId))
        {
            case SerialCheck.WrongCheckCharacter:
                return new("This serial has a typo: compare it with the tag and try again.");
            case SerialCheck.Malformed:
                return new("This is not a serial of our tags.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var seller = await db.Members.AsNoTracking()
            .Where(m => m.Id == command.SellerId)
            .Select(m => new { m.SellerStatus, m.ShopId, m.PartnerId })
            .SingleOrDefaultAsync(cancellationToken);
        if (seller is not { SellerStatus: SellerStatus.Active, ShopId: { } shopId, PartnerId: { } partnerId })
        {
            return new("Your seller account is not active: sales can be recorded once the program manager has activated it.");
        }

        var now = clock.GetUtcNow();
        var tag = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                where t.Id == tagId
                select new { t.Id, t.State, t.OwnerMemberId, t.RegisteredAt, BatchState = b.State, BatchPartner = b.PartnerId, b.ProductId })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return new("This is not a serial of our tags.");
        }

        if (tag.State == TagState.Voided || tag.BatchState == TagBatchState.Voided)
        {
            return new("This tag was withdrawn by the factory; its sale cannot be recorded. Tell the program manager.");
        }

        // Registered or not: only tags of batches on sale are sold (a print file must not earn a seller points either).
        if (tag.BatchState != TagBatchState.Active)
        {
            return new("This tag is not on sale yet: its batch has not been activated for shops.");
        }

        if (tag.RegisteredAt is { } registered && registered < now.AddDays(-rules.WindowDays))
        {
            return new("The buyer registered this item too long ago; its sale can no longer be recorded.");
        }

        var existing = await db.Sales.Where(s => s.TagId == tagId).Select(s => (Guid?)s.SellerId).SingleOrDefaultAsync(cancellationToken);
        if (existing is { } owner)
        {
            return new(owner == command.SellerId ? "You have already recorded this sale." : "The sale of this item was already recorded by another seller.");
        }

        var points = await PointsLedger.GlobalRulePointsAsync(db, PointsRuleKind.SellerSale, cancellationToken) ?? rules.DefaultPoints;
        // Shipped to another partner: recorded, but held for review (grey market).
        var otherPartner = tag.BatchPartner is { } batchPartner && batchPartner != partnerId;
        var sale = new Sale
        {
            TagId = tagId,
            SellerId = command.SellerId,
            ShopId = shopId,
            PartnerId = partnerId,
            RecordedAt = now,
            Points = points,
            State = otherPartner ? SaleState.Flagged : SaleState.AwaitingBuyer,
            Flag = otherPartner ? SaleFlag.OtherPartner : SaleFlag.None,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One seller's posts queue on her row (on every node), so each counts the sales committed before
        // it: parallel posts cannot all see 49 and all insert. NO KEY UPDATE leaves foreign-key checks free.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM members WHERE id = {command.SellerId} FOR NO KEY UPDATE", cancellationToken);
        var today = await db.Sales.CountAsync(s => s.SellerId == command.SellerId && s.RecordedAt > now.AddDays(-1), cancellationToken);
        if (today >= rules.DailyCap)
        {
            return new("You have reached today's limit of recorded sales. Ask the program manager if you really sold more.");
        }

        // The unique tag_id decides between two sellers (or two posts of one) scanning the same tag at once.
        var (state0, flag) = (sale.State.ToString(), sale.Flag.ToString());
        var inserted = await db.Database.SqlQuery<long>($"""
            INSERT INTO sales (tag_id, seller_id, shop_id, partner_id, recorded_at, state, flag, points)
            VALUES ({sale.TagId}, {sale.SellerId}, {sale.ShopId}, {sale.PartnerId}, {now}, {state0}, {flag}, {sale.Points})
            ON CONFLICT (tag_id) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (inserted.Count == 0)
        {
            // Lost the race: say who won, as the check above would have.
            await transaction.RollbackAsync(cancellationToken);
            var winner = await db.Sales.Where(s => s.TagId == tagId).Select(s => (Guid?)s.SellerId).SingleOrDefaultAsync(cancellationToken);
            return new(winner == command.SellerId ? "You have already recorded this sale." : "The sale of this item was already recorded by another seller.");
        }

        sale.Id = inserted[0];

        var state = sale.State;
        if (state == SaleState.AwaitingBuyer && tag.OwnerMemberId is { } buyer)
        {
            // The buyer registered first: the sale is confirmed (or flagged) now.
            state = await confirmations.ConfirmAsync(db, sale, buyer, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new(state switch
        {
            SaleState.Confirmed => "Sale recorded and confirmed: the buyer has registered the item, your points are credited.",
            SaleState.Flagged => "Sale recorded and sent to the program manager for review; points come after the review.",
            _ => "Sale recorded. Your points are credited when the buyer registers the item: remind them to scan the tag.",
        }, sale.Id, state);
    }
}
