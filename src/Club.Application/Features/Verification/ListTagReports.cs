using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>Problem reports about tags for program managers, open ones first, newest first.</summary>
public sealed record ListTagReportsQuery(int Take = 200) : IQuery<IReadOnlyList<TagReportItem>>;

/// <summary>A report with what support needs to act: the tag's state, its product and how often it was scanned.</summary>
public sealed record TagReportItem(
    long Id, string Serial, string ProductName, DateTimeOffset CreatedAt, string Message, string? Contact,
    string? ReporterName, bool Resolved, short FailedAttempts, long Scans);

public sealed class ListTagReportsHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<ListTagReportsQuery, IReadOnlyList<TagReportItem>>
{
    public async ValueTask<IReadOnlyList<TagReportItem>> Handle(ListTagReportsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = await (
                from r in db.TagReports.AsNoTracking()
                join t in db.Tags on r.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                orderby r.Resolved, r.CreatedAt descending
                select new
                {
                    r.Id, r.TagId, p.Name, r.CreatedAt, r.Message, r.Contact, r.Resolved, t.FailedAttempts,
                    Reporter = db.Members.Where(m => m.Id == r.MemberId).Select(m => m.FullName).FirstOrDefault(),
                    Scans = db.TagScanCounts.Where(c => c.TagId == r.TagId).Select(c => c.Scans).FirstOrDefault(),
                })
            .Take(Math.Clamp(query.Take, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.Select(r => new TagReportItem(r.Id, codes.SerialOf(r.TagId), r.Name, r.CreatedAt, r.Message, r.Contact,
            r.Reporter, r.Resolved, r.FailedAttempts, r.Scans)).ToList();
    }
}
