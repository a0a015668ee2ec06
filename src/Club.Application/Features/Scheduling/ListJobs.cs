using System.Linq.Expressions;
using Club.Application.Abstractions;
using Club.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Scheduling;

/// <summary>The jobs page: every scheduled job with its last run and recent failures, and the mail that failed.</summary>
public sealed record ListJobsQuery : IQuery<JobsOverview>;

public sealed record JobsOverview(IReadOnlyList<JobStatus> Jobs, IReadOnlyList<FailedMail> FailedMails, int WaitingMails);

public sealed record JobStatus(
    string Name, string? Cron, string TimeZone, DateTimeOffset? NextRunAt, JobRunInfo? LastRun, JobRunInfo? LastSuccess, IReadOnlyList<JobRunInfo> RecentFailures);

public sealed record JobRunInfo(string Node, bool Manual, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? DurationMs, int? Affected, string? Error);

/// <summary>Mail that gave up after its attempts; "retry" puts it back in the queue.</summary>
public sealed record FailedMail(long Id, string Template, Guid MemberId, int Attempts, string? LastError, DateTimeOffset CreatedAt);

public sealed class ListJobsHandler(IClubDbFactory dbFactory, IJobScheduler scheduler) : IQueryHandler<ListJobsQuery, JobsOverview>
{
    private const int FailuresShown = 5;
    private const int FailedMailsShown = 50;

    private static readonly Expression<Func<JobRun, JobRunInfo>> Info =
        r => new JobRunInfo(r.Node, r.Manual, r.StartedAt, r.FinishedAt, r.DurationMs, r.Affected, r.Error);

    public async ValueTask<JobsOverview> Handle(ListJobsQuery query, CancellationToken cancellationToken)
    {
        var scheduled = await scheduler.ListAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var jobs = new List<JobStatus>();
        foreach (var job in scheduled)
        {
            var runs = db.JobRuns.AsNoTracking().Where(r => r.JobName == job.Name).OrderByDescending(r => r.StartedAt);
            var last = await runs.Select(Info).FirstOrDefaultAsync(cancellationToken);
            var success = await runs.Where(r => r.FinishedAt != null && r.Error == null).Select(Info).FirstOrDefaultAsync(cancellationToken);
            var failures = await runs.Where(r => r.Error != null).Take(FailuresShown).Select(Info).ToListAsync(cancellationToken);
            jobs.Add(new JobStatus(job.Name, job.Cron, job.TimeZone, job.NextRunAt, last, success, failures));
        }

        var failedMails = await db.MailOutbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt == null)
            .OrderByDescending(m => m.Id)
            .Take(FailedMailsShown)
            .Select(m => new FailedMail(m.Id, m.Template, m.MemberId, m.Attempts, m.LastError, m.CreatedAt))
            .ToListAsync(cancellationToken);
        var waiting = await db.MailOutbox.CountAsync(m => m.SentAt == null && m.NextAttemptAt != null, cancellationToken);
        return new JobsOverview(jobs, failedMails, waiting);
    }
}
