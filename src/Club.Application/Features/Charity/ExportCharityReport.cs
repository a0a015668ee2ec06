using System.Globalization;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Charity;

/// <summary>
/// The brand's report of one campaign as CSV: the campaign, its goal and total, then donations and points
/// per day (in the club's time zone). No donor is named: the brand reports totals, not people.
/// </summary>
public sealed record ExportCharityReportQuery(int CampaignId) : IQuery<string?>;

public sealed class ExportCharityReportHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock) : IQueryHandler<ExportCharityReportQuery, string?>
{
    public async ValueTask<string?> Handle(ExportCharityReportQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var campaign = (await CharityCampaigns.RowsAsync(db, query.CampaignId, false, clock.GetUtcNow(), cancellationToken)).SingleOrDefault();
        var account = await db.CharityCampaigns.Where(c => c.Id == query.CampaignId).Select(c => (Guid?)c.AccountId).SingleOrDefaultAsync(cancellationToken);
        if (campaign is null || account is null)
        {
            return null;
        }

        var zone = settings.TimeZone;
        var days = await db.Database.SqlQuery<DayRow>($"""
            SELECT (created_at AT TIME ZONE {zone})::date AS day, count(*)::int AS donations, sum(amount)::int AS points
            FROM points_entries WHERE member_id = {account.Value} AND amount > 0
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.AppendLine("campaign;goal;collected;donations;starts_at;ends_at");
        csv.AppendLine(string.Join(';', CsvText.Quote(campaign.NameRu), campaign.Goal.ToString(CultureInfo.InvariantCulture), campaign.Collected.ToString(CultureInfo.InvariantCulture),
            campaign.Donations.ToString(CultureInfo.InvariantCulture), campaign.StartsAt.ToString("O", CultureInfo.InvariantCulture), campaign.EndsAt.ToString("O", CultureInfo.InvariantCulture)));
        csv.AppendLine();
        csv.AppendLine("day;donations;points");
        foreach (var day in days)
        {
            csv.AppendLine(string.Join(';', day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Donations.ToString(CultureInfo.InvariantCulture), day.Points.ToString(CultureInfo.InvariantCulture)));
        }

        return csv.ToString();
    }

    private sealed record DayRow(DateOnly Day, int Donations, int Points);
}
