using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>Every gift of the catalog for the program managers, drafts and archive included.</summary>
public sealed record ListManagedGiftsQuery : IQuery<IReadOnlyList<ManagedGift>>;

public sealed record ManagedGift(
    int Id, string Title, string Description, string Collection, int Points, int Stock, GiftAudience Audience, int? PartnerId,
    string? PartnerName, DateTimeOffset? VisibleFrom, DateTimeOffset? VisibleUntil, GiftState State, int PhotoVersion, int OpenOrders);

public sealed class ListManagedGiftsHandler(IClubDbFactory dbFactory) : IQueryHandler<ListManagedGiftsQuery, IReadOnlyList<ManagedGift>>
{
    public async ValueTask<IReadOnlyList<ManagedGift>> Handle(ListManagedGiftsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var open = new[] { GiftOrderStatus.Placed, GiftOrderStatus.Confirmed, GiftOrderStatus.Shipped, GiftOrderStatus.ReadyForPickup };
        return await db.Gifts.AsNoTracking()
            .OrderBy(g => g.State).ThenBy(g => g.Title)
            .Select(g => new ManagedGift(
                g.Id, g.Title, g.Description, g.Collection, g.Points, g.Stock, g.Audience, g.PartnerId,
                db.Partners.Where(p => p.Id == g.PartnerId).Select(p => p.Name).FirstOrDefault(),
                g.VisibleFrom, g.VisibleUntil, g.State, g.PhotoVersion,
                db.GiftOrders.Count(o => o.GiftId == g.Id && open.Contains(o.Status))))
            .ToListAsync(cancellationToken);
    }
}
