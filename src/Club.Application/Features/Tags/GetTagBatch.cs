using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tags;

public sealed record GetTagBatchQuery(int BatchId) : IQuery<TagBatchDetails>;

public sealed record TagBatchDetails(
    TagBatchRow Batch,
    DateTimeOffset? PrintedAt,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? VoidedAt,
    string? Note,
    int IssuedTags,
    int VoidedTags,
    int RegisteredTags,
    IReadOnlyList<string> PrintFileNames,
    TagBatchProof? LatestProof);

/// <summary>The summary of the batch's latest print proof.</summary>
public sealed record TagBatchProof(DateTimeOffset CheckedAt, int LabelsRead, int Unreadable);

public sealed class GetTagBatchHandler(IClubDbFactory dbFactory, ITagPrintFiles printFiles) : IQueryHandler<GetTagBatchQuery, TagBatchDetails>
{
    public async ValueTask<TagBatchDetails> Handle(GetTagBatchQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var batch = await db.TagBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == query.BatchId, cancellationToken)
            ?? throw new NotFoundException("No such batch.");
        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == batch.ProductId, cancellationToken);
        var partner = batch.PartnerId is null ? null
            : await db.Partners.Where(p => p.Id == batch.PartnerId).Select(p => p.Name).SingleAsync(cancellationToken);

        // The batch's tags are its id range: a primary-key range scan, no batch index needed.
        var counts = await db.Tags
            .Where(t => t.Id >= batch.FirstTagId && t.Id <= batch.FirstTagId + batch.Quantity - 1)
            .GroupBy(t => t.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(TagState state) => counts.Where(c => c.State == state).Sum(c => c.Count);

        var row = new TagBatchRow(batch.Id, batch.Number, product.Sku, product.Name, batch.Quantity, batch.FirstTagId, partner,
            batch.State, batch.TemplateName, batch.CreatedBy, batch.CreatedAt);
        return new TagBatchDetails(row, batch.PrintedAt, batch.ShippedAt, batch.ActivatedAt, batch.VoidedAt, batch.Note,
            Count(TagState.Issued), Count(TagState.Voided), Count(TagState.Registered),
            await printFiles.ListAsync(batch.Id, cancellationToken),
            batch.ProofCheckedAt is { } checkedAt ? new TagBatchProof(checkedAt, batch.ProofLabelsRead ?? 0, batch.ProofUnreadable ?? 0) : null);
    }
}
