using Club.Application.Abstractions;
using Club.Application.Features.Reports;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>
/// The reports desk: problem and counterfeit reports, new ones first, newest first, filtered by status
/// and by the partner the tag was shipped to. A partner manager sees only their partner's tags whatever
/// they ask for (<see cref="ReportScope"/>); reports about unknown serials belong to no partner.
/// </summary>
public sealed record ListTagReportsQuery(Guid ViewerId, TagReportStatus? Status = null, int? PartnerId = null, int Take = 200)
    : IQuery<IReadOnlyList<TagReportItem>>;

/// <summary>A report with what support needs to act: the tag's state, its product and how often it was scanned.</summary>
public sealed record TagReportItem(
    long Id, string Serial, bool Counterfeit, string? ProductName, string? PartnerName, DateTimeOffset CreatedAt, string Message,
    string? Contact, string? ReporterName, bool CanMailReporter, TagReportStatus Status, string? StaffNotes, string? Reply,
    DateTimeOffset? RepliedAt, string? BoughtWhere, DateOnly? BoughtOn, string? Shop, decimal? PricePaid, bool HasPhoto,
    short FailedAttempts, long Scans);

public sealed class ListTagReportsHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<ListTagReportsQuery, IReadOnlyList<TagReportItem>>
{
    public async ValueTask<IReadOnlyList<TagReportItem>> Handle(ListTagReportsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ReportScope.PartnerForAsync(db, query.ViewerId, query.PartnerId, cancellationToken);
        var rows = await (
                from r in db.TagReports.AsNoTracking()
                join t in db.Tags on r.TagId equals (long?)t.Id into tj
                from t in tj.DefaultIfEmpty()
                join b in db.TagBatches on t.BatchId equals b.Id into bj
                from b in bj.DefaultIfEmpty()
                where query.Status == null || r.Status == query.Status
                where partner == null || b.PartnerId == partner
                orderby r.Status == TagReportStatus.New descending, r.CreatedAt descending
                select new
                {
                    Report = r,
                    Product = db.Products.Where(p => p.Id == b.ProductId).Select(p => p.Name).FirstOrDefault(),
                    Partner = db.Partners.Where(p => p.Id == b.PartnerId).Select(p => p.Name).FirstOrDefault(),
                    FailedAttempts = t == null ? (short)0 : t.FailedAttempts,
                    Reporter = db.Members.Where(m => m.Id == r.MemberId).Select(m => m.FullName).FirstOrDefault(),
                    Scans = t == null ? 0L : t.ScanCount,
                    HasPhoto = db.TagReportPhotos.Any(p => p.ReportId == r.Id),
                })
            .Take(Math.Clamp(query.Take, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.Select(x =>
        {
            var r = x.Report;
            return new TagReportItem(r.Id, r.TagId is { } tag ? codes.SerialOf(tag) : r.UnknownSerial ?? "", r.TagId is null, x.Product, x.Partner,
                r.CreatedAt, r.Message, r.Contact, x.Reporter, r.MemberId is not null, r.Status, r.StaffNotes, r.Reply, r.RepliedAt,
                r.BoughtWhere, r.BoughtOn, r.Shop, r.PricePaid, x.HasPhoto, x.FailedAttempts, x.Scans);
        }).ToList();
    }
}
