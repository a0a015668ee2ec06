using Club.Application.Abstractions;
using Club.Application.Features.Reports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>A report's photo for the desk; null when there is none or the viewer may not see the report.</summary>
public sealed record GetTagReportPhotoQuery(Guid ViewerId, long ReportId) : IQuery<TagReportPhotoFile?>;

public sealed record TagReportPhotoFile(string ContentType, byte[] Content, DateTimeOffset At);

public sealed class GetTagReportPhotoHandler(IClubDbFactory dbFactory) : IQueryHandler<GetTagReportPhotoQuery, TagReportPhotoFile?>
{
    public async ValueTask<TagReportPhotoFile?> Handle(GetTagReportPhotoQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ReportScope.PartnerForAsync(db, query.ViewerId, null, cancellationToken);
        return await (
                from p in db.TagReportPhotos.AsNoTracking()
                join r in db.TagReports on p.ReportId equals r.Id
                join t in db.Tags on r.TagId equals (long?)t.Id into tj
                from t in tj.DefaultIfEmpty()
                join b in db.TagBatches on t.BatchId equals b.Id into bj
                from b in bj.DefaultIfEmpty()
                where p.ReportId == query.ReportId && (partner == null || b.PartnerId == partner)
                select new TagReportPhotoFile(p.ContentType, p.Content, r.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
