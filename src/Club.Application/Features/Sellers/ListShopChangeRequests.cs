using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>Open requests of sellers to move to another shop, oldest first (or one seller's open request).</summary>
public sealed record ListShopChangeRequestsQuery(Guid? SellerId = null) : IQuery<IReadOnlyList<ShopChangeRow>>;

public sealed record ShopChangeRow(long Id, string SellerName, string FromShop, string ToShop, string ToPartner, DateTimeOffset RequestedAt);

public sealed class ListShopChangeRequestsHandler(IClubDbFactory dbFactory) : IQueryHandler<ListShopChangeRequestsQuery, IReadOnlyList<ShopChangeRow>>
{
    public async ValueTask<IReadOnlyList<ShopChangeRow>> Handle(ListShopChangeRequestsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await (
                from r in db.ShopChangeRequests
                where r.State == ShopChangeState.Pending && (query.SellerId == null || r.SellerId == query.SellerId)
                join m in db.Members on r.SellerId equals m.Id
                join fromShop in db.Shops on r.FromShopId equals fromShop.Id
                join toShop in db.Shops on r.ToShopId equals toShop.Id
                orderby r.RequestedAt
                select new ShopChangeRow(r.Id, m.FullName, fromShop.Name, toShop.Name, toShop.Partner!.Name, r.RequestedAt))
            .Take(500)
            .ToListAsync(cancellationToken);
    }
}
