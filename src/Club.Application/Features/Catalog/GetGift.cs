using Club.Application.Abstractions;
using Club.Domain.Partners;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>One gift as a member sees it, with the shops it can be collected at; 404 when not theirs to see.</summary>
public sealed record GetGiftQuery(GiftViewer Viewer, int GiftId) : IQuery<GiftDetails>;

public sealed record GiftDetails(
    int Id, string Title, string Description, string Collection, int Points, int Stock, int PhotoVersion,
    int Balance, IReadOnlyList<PickupShop> PickupShops)
{
    public bool Affordable => Points <= Balance;

    public int BalanceAfter => Balance - Points;
}

public sealed record PickupShop(int Id, string Name, string PartnerName, string Address);

public sealed class GetGiftHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<GetGiftQuery, GiftDetails>
{
    public async ValueTask<GiftDetails> Handle(GetGiftQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var audience = await GiftVisibility.ResolveAsync(db, query.Viewer, clock.GetUtcNow(), cancellationToken);
        var gift = await db.Gifts.AsNoTracking().VisibleTo(audience, clock.GetUtcNow()).SingleOrDefaultAsync(g => g.Id == query.GiftId, cancellationToken)
            ?? throw new NotFoundException("No such gift.");
        var balance = await GiftVisibility.BalanceAsync(db, query.Viewer.MemberId, cancellationToken);
        var shops = await PickupShopsAsync(db, gift.PartnerId, cancellationToken);
        return new GiftDetails(gift.Id, gift.Title, gift.Description, gift.Collection, gift.Points, gift.Stock, gift.PhotoVersion, balance, shops);
    }

    /// <summary>Salons where a gift can be collected: any partner's, or only its own partner's for a restricted gift.</summary>
    internal static async Task<IReadOnlyList<PickupShop>> PickupShopsAsync(IClubDb db, int? partnerId, CancellationToken cancellationToken)
    {
        var shops = await db.Shops.AsNoTracking()
            .Where(s => s.Kind == ShopKind.Salon && (partnerId == null || s.PartnerId == partnerId))
            .OrderBy(s => s.Partner!.Name).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, PartnerName = s.Partner!.Name, s.Address })
            .ToListAsync(cancellationToken);
        return shops.Select(s => new PickupShop(s.Id, s.Name, s.PartnerName, s.Address.ToString())).ToList();
    }
}
