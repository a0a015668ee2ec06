using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tags;

public sealed record ListTagBatchesQuery(TagBatchState? State = null, int Limit = 200) : IQuery<IReadOnlyList<TagBatchRow>>;

public sealed record TagBatchRow(
    int Id,
    string Number,
    string Sku,
    string ProductName,
    int Quantity,
    long FirstTagId,
    string? PartnerName,
    TagBatchState State,
    string TemplateName,
    string CreatedBy,
    DateTimeOffset CreatedAt);

public sealed class ListTagBatchesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListTagBatchesQuery, IReadOnlyList<TagBatchRow>>
{
    public async ValueTask<IReadOnlyList<TagBatchRow>> Handle(ListTagBatchesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var batches = db.TagBatches.AsNoTracking();
        if (query.State is { } state)
        {
            batches = batches.Where(b => b.State == state);
        }

        var rows = await batches
            .OrderByDescending(b => b.Id)
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .Join(db.Products, b => b.ProductId, p => p.Id, (b, p) => new { b, p })
            .Select(x => new
            {
                x.b.Id,
                x.p.Sku,
                x.p.Name,
                x.b.Quantity,
                x.b.FirstTagId,
                Partner = db.Partners.Where(p => p.Id == x.b.PartnerId).Select(p => p.Name).FirstOrDefault(),
                x.b.State,
                x.b.TemplateName,
                x.b.CreatedBy,
                x.b.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.Id)
            .Select(r => new TagBatchRow(r.Id, TagBatch.FormatNumber(r.Id), r.Sku, r.Name, r.Quantity, r.FirstTagId, r.Partner,
                r.State, r.TemplateName, r.CreatedBy, r.CreatedAt))
            .ToList();
    }
}
