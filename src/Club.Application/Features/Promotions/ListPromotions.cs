using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Promotions;

/// <summary>
/// Promotions, newest first. With a member: only those active now that can apply to them (every
/// partner's buyer promotions for a buyer, who may buy anywhere; their own partner's and the all-partner
/// ones, seller promotions included, for a seller or partner manager). Without: all, for the manager.
/// </summary>
public sealed record ListPromotionsQuery(Guid? MemberId = null) : IQuery<IReadOnlyList<PromotionRow>>;

public sealed record PromotionRow(
    int Id, string Title, string? PartnerName, string? Collection, string? Category,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int ExtraPoints, decimal Multiplier, bool Active)
{
    /// <summary>A seller promotion (on sales), not a buyer's (on registrations).</summary>
    public bool ForSellers { get; init; }

    /// <summary>The one product a seller promotion is limited to, if any.</summary>
    public string? ProductName { get; init; }
}

public sealed class ListPromotionsHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<ListPromotionsQuery, IReadOnlyList<PromotionRow>>
{
    public async ValueTask<IReadOnlyList<PromotionRow>> Handle(ListPromotionsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var promotions = db.Promotions.AsNoTracking();
        if (query.MemberId is { } memberId)
        {
            var partnerId = await db.Members.Where(m => m.Id == memberId).Select(m => m.PartnerId).SingleOrDefaultAsync(cancellationToken);
            promotions = promotions.Where(p => p.StartsAt <= now && p.EndsAt > now && (partnerId == null || p.PartnerId == null || p.PartnerId == partnerId)
                && (partnerId != null || !p.ForSellers));
        }

        return await promotions.OrderByDescending(p => p.Id).Take(200)
            .Select(p => new PromotionRow(
                p.Id, p.Title, db.Partners.Where(x => x.Id == p.PartnerId).Select(x => x.Name).FirstOrDefault(), p.Collection, p.Category,
                p.StartsAt, p.EndsAt, p.ExtraPoints, p.Multiplier, p.StartsAt <= now && p.EndsAt > now)
            {
                ForSellers = p.ForSellers,
                ProductName = db.Products.Where(x => x.Id == p.ProductId).Select(x => x.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
    }
}
