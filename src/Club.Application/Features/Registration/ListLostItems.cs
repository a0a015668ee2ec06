using Club.Application.Abstractions;
using Club.Application.Features.Reports;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// Items their owners reported lost or stolen and have not cleared, newest first, with how often they
/// were scanned since: for staff (a partner manager: items of their partner's tags only).
/// </summary>
public sealed record ListLostItemsQuery(Guid ViewerId, int Take = 200) : IQuery<IReadOnlyList<LostItem>>;

public sealed record LostItem(string Serial, string ProductName, string OwnerName, ItemLossKind Kind, DateOnly LostOn, string? PoliceReport,
    DateTimeOffset ReportedAt, long ScansSince);

public sealed class ListLostItemsHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<ListLostItemsQuery, IReadOnlyList<LostItem>>
{
    public async ValueTask<IReadOnlyList<LostItem>> Handle(ListLostItemsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ReportScope.PartnerForAsync(db, query.ViewerId, null, cancellationToken);
        var rows = await (
                from l in db.ItemLosses.AsNoTracking()
                join t in db.Tags on l.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                join m in db.Members on l.MemberId equals m.Id
                where l.ClearedAt == null && (partner == null || b.PartnerId == partner)
                orderby l.ReportedAt descending
                select new
                {
                    l.TagId, p.Name, m.FullName, l.Kind, l.LostOn, l.PoliceReport, l.ReportedAt,
                    Scans = db.TagScans.LongCount(s => s.TagId == l.TagId && s.ScannedAt > l.ReportedAt),
                })
            .Take(Math.Clamp(query.Take, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.Select(r => new LostItem(codes.SerialOf(r.TagId), r.Name, r.FullName, r.Kind, r.LostOn, r.PoliceReport, r.ReportedAt, r.Scans)).ToList();
    }
}
