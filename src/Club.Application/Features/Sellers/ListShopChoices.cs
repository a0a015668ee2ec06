using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>Active shops of active partners, for the seller sign-up form's and the shop change's pick lists.</summary>
public sealed record ListShopChoicesQuery : IQuery<IReadOnlyList<ShopChoice>>;

public sealed record ShopChoice(int ShopId, int PartnerId, string PartnerName, string ShopName, string City);

public sealed class ListShopChoicesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListShopChoicesQuery, IReadOnlyList<ShopChoice>>
{
    public async ValueTask<IReadOnlyList<ShopChoice>> Handle(ListShopChoicesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Shops
            .Where(s => s.IsActive && s.Partner!.IsActive)
            .OrderBy(s => s.Partner!.Name).ThenBy(s => s.Name)
            .Select(s => new ShopChoice(s.Id, s.PartnerId, s.Partner!.Name, s.Name, s.Address.City))
            .ToListAsync(cancellationToken);
    }
}
