using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// Whether an active seller who opens the scan page of a registered item may still record its sale, by
/// the rules <see cref="RecordSaleHandler"/> applies: a buyer who registered it minutes ago is no sign of
/// a copied tag when the seller is the one who sold it.
/// </summary>
public sealed record GetSaleChanceQuery(Guid SellerId, string? Serial) : IQuery<SaleChance>;

public enum SaleChance
{
    /// <summary>Nothing stops a new claim: recorded now, it is put to the buyer (registered) or waits for them.</summary>
    Open,

    /// <summary>This seller has already claimed the item in its current time on sale.</summary>
    Recorded,

    /// <summary>Another seller's claim holds the item: a new one would only go to a dispute.</summary>
    Taken,

    /// <summary>Not for this seller: not active, tag not on sale or withdrawn, or registered longer ago than the sales window.</summary>
    Closed,
}

public sealed class GetSaleChanceHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock) : IQueryHandler<GetSaleChanceQuery, SaleChance>
{
    public async ValueTask<SaleChance> Handle(GetSaleChanceQuery query, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(query.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return SaleChance.Closed;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var active = await db.Members.AnyAsync(m => m.Id == query.SellerId && m.SellerStatus == SellerStatus.Active && m.ShopId != null, cancellationToken);
        var tag = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                where t.Id == tagId
                select new { t.State, t.RegisteredAt, BatchState = b.State })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        if (!active || tag is null || tag.State == TagState.Voided || tag.BatchState != TagBatchState.Active
            || tag.RegisteredAt is { } registered && registered < now.AddDays(-policy.WindowDays))
        {
            return SaleChance.Closed;
        }

        var cycle = await SaleClaims.CycleAsync(db, tagId, cancellationToken);
        if (await db.Sales.AnyAsync(s => s.TagId == tagId && s.SellerId == query.SellerId && s.Cycle == cycle && s.State != SaleState.Expired, cancellationToken))
        {
            return SaleChance.Recorded;
        }

        return await db.Sales.Where(SaleClaims.Holding(policy, now)).AnyAsync(s => s.TagId == tagId, cancellationToken)
            ? SaleChance.Taken
            : SaleChance.Open;
    }
}
