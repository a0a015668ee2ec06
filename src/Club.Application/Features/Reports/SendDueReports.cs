using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Reports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Reports;

/// <summary>
/// Mails each subscribed partner manager the report of the last finished week (Monday to Sunday) or
/// month, with the XLSX attached. Once per subscription and period: the delivery row (unique on both)
/// is taken before the mail is queued, and the mail's idempotency key is the same pair, so a re-run, a
/// retry or a second node sends nothing more. Returns how many reports were sent. Meant for the scheduler.
/// </summary>
public sealed record SendDueReportsCommand : ICommand<int>;

public sealed class SendDueReportsHandler(IClubDbFactory dbFactory, IMediator mediator, IMailOutbox mail, TimeProvider clock, PointsSettings settings)
    : ICommandHandler<SendDueReportsCommand, int>
{
    public async ValueTask<int> Handle(SendDueReportsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = settings.Today(now);
        List<(int Id, Guid MemberId, ReportPeriod Period, string Culture)> due;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var subscriptions = await db.ReportSubscriptions
                .Select(s => new { s.Id, s.MemberId, s.Period, Culture = db.Members.Where(m => m.Id == s.MemberId).Select(m => m.Culture).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            var sent = await db.ReportDeliveries.Select(d => new { d.SubscriptionId, d.PeriodStart }).ToListAsync(cancellationToken);
            due = subscriptions
                .Where(s => !sent.Any(d => d.SubscriptionId == s.Id && d.PeriodStart == PreviousPeriod(s.Period, today).From))
                .Select(s => (s.Id, s.MemberId, s.Period, s.Culture ?? "ru"))
                .ToList();
        }

        var count = 0;
        foreach (var subscription in due)
        {
            var (from, to) = PreviousPeriod(subscription.Period, today);
            PartnerReport report;
            try
            {
                report = await mediator.Send(new GetPartnerReportQuery(subscription.MemberId, null, from, to), cancellationToken);
            }
            catch (NotFoundException)
            {
                // No longer a partner manager: nothing of any partner's goes out.
                continue;
            }

            if (report.PartnerId is null)
            {
                continue;
            }

            await using (var db = await dbFactory.CreateAsync(cancellationToken))
            {
                var taken = await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO report_deliveries (subscription_id, period_start, sent_at) VALUES ({subscription.Id}, {from}, {now})
                    ON CONFLICT (subscription_id, period_start) DO NOTHING
                    """, cancellationToken);
                if (taken == 0)
                {
                    continue;
                }
            }

            var xlsx = new MailAttachment(
                ReportFiles.FileName(report, "xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ReportFiles.ToXlsx(report, subscription.Culture));
            var values = new Dictionary<string, string>
            {
                ["Partner"] = report.PartnerName ?? "",
                ["From"] = from.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                ["To"] = to.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            };
            await mail.EnqueueAsync(
                string.Create(CultureInfo.InvariantCulture, $"report:{subscription.Id}:{from:yyyy-MM-dd}"),
                new MemberMail(subscription.MemberId, "PartnerReport", values, [xlsx]),
                cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>The last finished week (Monday to Sunday) or calendar month before <paramref name="today"/>.</summary>
    public static (DateOnly From, DateOnly To) PreviousPeriod(ReportPeriod period, DateOnly today)
    {
        if (period == ReportPeriod.Monthly)
        {
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            return (thisMonth.AddMonths(-1), thisMonth.AddDays(-1));
        }

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return (monday.AddDays(-7), monday.AddDays(-1));
    }
}
