using Club.Application.Abstractions;
using Club.Domain.Reports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Reports;

/// <summary>
/// A partner manager subscribes to the partner report by mail (weekly or monthly), changes the period,
/// or unsubscribes (null). Repeating the same choice changes nothing.
/// </summary>
public sealed record SubscribeToReportsCommand(Guid MemberId, ReportPeriod? Period) : ICommand<Result>;

public sealed class SubscribeToReportsHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<SubscribeToReportsCommand, Result>
{
    public async ValueTask<Result> Handle(SubscribeToReportsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (command.Period is not { } period)
        {
            await db.ReportSubscriptions.Where(s => s.MemberId == command.MemberId).ExecuteDeleteAsync(cancellationToken);
            return Result.Ok;
        }

        if (!Enum.IsDefined(period) || await ReportScope.OwnPartnerAsync(db, command.MemberId, cancellationToken) is null)
        {
            return Result.Fail("Report mail is for partner managers.");
        }

        var name = period.ToString();
        var now = clock.GetUtcNow();
        // One row per manager (unique): a double click or a change of period lands on the same row.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO report_subscriptions (member_id, period, created_at) VALUES ({command.MemberId}, {name}, {now})
            ON CONFLICT (member_id) DO UPDATE SET period = excluded.period
            """, cancellationToken);
        return Result.Ok;
    }
}

/// <summary>The manager's report subscription period, or null when not subscribed.</summary>
public sealed record GetMyReportSubscriptionQuery(Guid MemberId) : IQuery<ReportPeriod?>;

public sealed class GetMyReportSubscriptionHandler(IClubDbFactory dbFactory) : IQueryHandler<GetMyReportSubscriptionQuery, ReportPeriod?>
{
    public async ValueTask<ReportPeriod?> Handle(GetMyReportSubscriptionQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.ReportSubscriptions.Where(s => s.MemberId == query.MemberId).Select(s => (ReportPeriod?)s.Period).SingleOrDefaultAsync(cancellationToken);
    }
}
