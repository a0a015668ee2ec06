using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>The items a buyer registered, newest first.</summary>
public sealed record ListMyItemsQuery(Guid MemberId) : IQuery<IReadOnlyList<MyItem>>;

public sealed record MyItem(string Serial, string Sku, string Name, string Collection, string Metal, string? Stone, string? PhotoUrl, DateTimeOffset RegisteredAt);

public sealed class ListMyItemsHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<ListMyItemsQuery, IReadOnlyList<MyItem>>
{
    public async ValueTask<IReadOnlyList<MyItem>> Handle(ListMyItemsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = await (
                from t in db.Tags.AsNoTracking()
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                where t.OwnerMemberId == query.MemberId && t.State == TagState.Registered
                orderby t.RegisteredAt descending
                select new { t.Id, p.Sku, p.Name, p.Collection, p.Metal, p.Stone, p.PhotoUrl, RegisteredAt = t.RegisteredAt!.Value })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MyItem(codes.SerialOf(r.Id), r.Sku, r.Name, r.Collection, r.Metal, r.Stone, r.PhotoUrl, r.RegisteredAt)).ToList();
    }
}
