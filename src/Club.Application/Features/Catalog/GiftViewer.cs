using Club.Application.Abstractions;
using Club.Application.Features.Collector;
using Club.Domain.Catalog;
using Club.Domain.Members;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>
/// Who is looking at the catalog, as the page's signed-in roles say. The handler adds what the
/// database knows (partner, seller activation), so a page cannot widen what a member sees.
/// </summary>
public sealed record GiftViewer(Guid MemberId, bool IsBuyer, bool IsSeller);

/// <summary>
/// The rules of who sees which gift. A gift restricted to a partner is for that partner's people: an
/// active seller of the partner sees it. Buyers belong to no partner (they may buy anywhere), so they
/// see unrestricted gifts only. A seller waiting for activation sees buyers' gifts only (if a buyer too).
/// </summary>
internal static class GiftVisibility
{
    public sealed record Audience(Guid MemberId, bool AsBuyer, bool AsSeller, int? PartnerId, bool AsCollector = false);

    public static async Task<Audience> ResolveAsync(IClubDb db, GiftViewer viewer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == viewer.MemberId)
            .Select(m => new { m.PartnerId, m.SellerStatus }).SingleOrDefaultAsync(cancellationToken);
        var asSeller = viewer.IsSeller && member?.SellerStatus == SellerStatus.Active;
        // Exclusive gifts are a benefit of the hidden status: only once its holder has opened it.
        var asCollector = member is not null && await CollectorYears.OpenAt(db, viewer.MemberId, now).AnyAsync(cancellationToken);
        return new Audience(viewer.MemberId, viewer.IsBuyer && member is not null, asSeller, asSeller ? member!.PartnerId : null, asCollector);
    }

    public static IQueryable<Gift> VisibleTo(this IQueryable<Gift> gifts, Audience audience, DateTimeOffset now) =>
        gifts.Where(g => g.State == GiftState.Published
            && (g.VisibleFrom == null || g.VisibleFrom <= now)
            && (g.VisibleUntil == null || g.VisibleUntil > now)
            && (g.Audience == GiftAudience.Everyone
                || (g.Audience == GiftAudience.Buyers && audience.AsBuyer)
                || (g.Audience == GiftAudience.Sellers && audience.AsSeller)
                || (g.Audience == GiftAudience.Collectors && audience.AsCollector))
            && (audience.AsBuyer || audience.AsSeller)
            && (g.PartnerId == null || g.PartnerId == audience.PartnerId));

    public static async Task<int> BalanceAsync(IClubDb db, Guid memberId, CancellationToken cancellationToken) =>
        await db.PointsBalances.Where(b => b.MemberId == memberId).Select(b => (int?)b.Balance).SingleOrDefaultAsync(cancellationToken) ?? 0;
}
