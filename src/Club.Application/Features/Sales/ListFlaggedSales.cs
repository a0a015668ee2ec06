using Club.Application.Abstractions;
using Club.Application.Features.Reports;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// Sales held for a program manager's review (grey market, self-purchase), disputes (a second seller's
/// claim, shown with the claim that holds the item) and paid sales with open collusion evidence
/// (<see cref="SaleSuspicions"/>), oldest first. A partner manager (<paramref name="ViewerId"/>) sees only
/// their partner's sellers' sales; null: every partner's.
/// </summary>
public sealed record ListFlaggedSalesQuery(Guid? ViewerId = null, int Limit = 200) : IQuery<IReadOnlyList<FlaggedSale>>;

/// <summary>
/// One held sale, dispute or suspected sale; Rival is the claim a disputed one contests, null for the
/// others; Evidence: the open collusion evidence (empty for held sales and disputes).
/// </summary>
public sealed record FlaggedSale(
    long Id, string SellerName, string ShopName, string PartnerName, string ProductName, string? ShippedToPartner,
    DateTimeOffset RecordedAt, SaleFlag Flag, bool BuyerRegistered, SaleState State = SaleState.Flagged, RivalClaim? Rival = null,
    IReadOnlyList<SaleEvidence>? Evidence = null)
{
    /// <summary>A paid sale waiting for the keep-or-reverse verdict rather than a held sale or a dispute.</summary>
    public bool Suspected => Evidence is { Count: > 0 };
}

/// <summary>One piece of collusion evidence: its kind and what was counted (visitor hashes, items in the window).</summary>
public sealed record SaleEvidence(SaleFlag Kind, int Count);

public sealed record RivalClaim(string SellerName, string ShopName, DateTimeOffset RecordedAt, SaleState State);

public sealed class ListFlaggedSalesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListFlaggedSalesQuery, IReadOnlyList<FlaggedSale>>
{
    public async ValueTask<IReadOnlyList<FlaggedSale>> Handle(ListFlaggedSalesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partnerScope = query.ViewerId is { } viewer ? await ReportScope.PartnerForAsync(db, viewer, null, cancellationToken) : null;
        var rows = await (
                from s in db.Sales
                where s.State == SaleState.Flagged || s.State == SaleState.Disputed
                    || db.SaleSuspicions.Any(x => x.SaleId == s.Id && x.ReviewedAt == null)
                where partnerScope == null || s.PartnerId == partnerScope
                join seller in db.Members on s.SellerId equals seller.Id
                join shop in db.Shops on s.ShopId equals shop.Id
                join partner in db.Partners on s.PartnerId equals partner.Id
                join t in db.Tags on s.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                from r in db.Sales.Where(r => s.State == SaleState.Disputed && r.TagId == s.TagId && r.Id != s.Id
                    && Sale.HoldingStates.Contains(r.State)).DefaultIfEmpty()
                from rivalSeller in db.Members.Where(m => r != null && m.Id == r.SellerId).DefaultIfEmpty()
                from rivalShop in db.Shops.Where(x => r != null && x.Id == r.ShopId).DefaultIfEmpty()
                orderby s.RecordedAt
                select new
                {
                    Sale = new FlaggedSale(
                        s.Id, seller.FullName, shop.Name, partner.Name, p.Name,
                        db.Partners.Where(x => x.Id == b.PartnerId).Select(x => x.Name).FirstOrDefault(),
                        s.RecordedAt, s.Flag, t.OwnerMemberId != null, s.State, null),
                    RivalSeller = rivalSeller != null ? rivalSeller.FullName : null,
                    RivalShop = rivalShop != null ? rivalShop.Name : null,
                    RivalAt = r != null ? (DateTimeOffset?)r.RecordedAt : null,
                    RivalState = r != null ? (SaleState?)r.State : null,
                })
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .ToListAsync(cancellationToken);
        var ids = rows.Select(x => x.Sale.Id).ToList();
        var evidence = (await db.SaleSuspicions.AsNoTracking()
                .Where(x => ids.Contains(x.SaleId) && x.ReviewedAt == null)
                .OrderBy(x => x.Kind)
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.SaleId, x => new SaleEvidence(x.Kind, x.Count));
        return rows.Select(x => (x.RivalAt is { } at
                ? x.Sale with { Rival = new RivalClaim(x.RivalSeller!, x.RivalShop!, at, x.RivalState!.Value) }
                : x.Sale) with { Evidence = evidence[x.Sale.Id].ToList() })
            .ToList();
    }
}
