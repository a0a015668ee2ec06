using Club.Application.Abstractions;
using Club.Application.Features.Reports;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>
/// Scan alerts, open ones first, newest first. A partner manager sees only alerts about tags shipped to
/// their partner (site-wide alerts such as bursts of unknown serials belong to no partner).
/// </summary>
public sealed record ListScanAlertsQuery(Guid ViewerId, bool OpenOnly = false, int Take = 200) : IQuery<IReadOnlyList<ScanAlertItem>>;

/// <summary>Serial is null for site-wide alerts.</summary>
public sealed record ScanAlertItem(long Id, ScanAlertRule Rule, string? Serial, string? ProductName, string? PartnerName, DateTimeOffset WindowStart,
    long Count, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? Notes);

public sealed class ListScanAlertsHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<ListScanAlertsQuery, IReadOnlyList<ScanAlertItem>>
{
    public async ValueTask<IReadOnlyList<ScanAlertItem>> Handle(ListScanAlertsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ReportScope.PartnerForAsync(db, query.ViewerId, null, cancellationToken);
        var rows = await (
                from a in db.ScanAlerts.AsNoTracking()
                where (partner == null || a.PartnerId == partner) && (!query.OpenOnly || a.AcknowledgedAt == null)
                orderby a.AcknowledgedAt == null descending, a.WindowStart descending, a.Id descending
                select new
                {
                    Alert = a,
                    Product = (from t in db.Tags join b in db.TagBatches on t.BatchId equals b.Id join p in db.Products on b.ProductId equals p.Id
                               where t.Id == a.Subject select p.Name).FirstOrDefault(),
                    Partner = db.Partners.Where(p => p.Id == a.PartnerId).Select(p => p.Name).FirstOrDefault(),
                    By = db.Members.Where(m => m.Id == a.AcknowledgedBy).Select(m => m.FullName).FirstOrDefault(),
                })
            .Take(Math.Clamp(query.Take, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ScanAlertItem(r.Alert.Id, r.Alert.Rule, r.Alert.Subject == ScanAlert.SiteSubject ? null : codes.SerialOf(r.Alert.Subject),
            r.Product, r.Partner, r.Alert.WindowStart, r.Alert.Count, r.Alert.AcknowledgedAt, r.By, r.Alert.Notes)).ToList();
    }
}
