using Club.Application.Abstractions;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>The partner's sales (claims of its sellers), oldest first, after the cursor's sale id.</summary>
public sealed record ListPartnerSalesQuery(int PartnerId, long After, int Limit) : IQuery<ApiPage<PartnerSale>>;

public sealed record PartnerSale(long Id, string Serial, Guid SellerId, int ShopId, DateTimeOffset RecordedAt, SaleState State, int Points, DateTimeOffset? ConfirmedAt);

public sealed class ListPartnerSalesHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<ListPartnerSalesQuery, ApiPage<PartnerSale>>
{
    public async ValueTask<ApiPage<PartnerSale>> Handle(ListPartnerSalesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = await db.Sales.AsNoTracking()
            .Where(s => s.PartnerId == query.PartnerId && s.Id > query.After)
            .OrderBy(s => s.Id)
            .Take(query.Limit + 1)
            .Select(s => new { s.Id, s.TagId, s.SellerId, s.ShopId, s.RecordedAt, s.State, s.Points, s.ConfirmedAt })
            .ToListAsync(cancellationToken);
        var sales = rows.Select(s => new PartnerSale(s.Id, codes.SerialOf(s.TagId), s.SellerId, s.ShopId, s.RecordedAt, s.State, s.Points, s.ConfirmedAt)).ToList();
        return ApiPaging.Page(sales, query.Limit, s => ApiPaging.IdCursor(s.Id));
    }
}
