using Club.Application.Abstractions;
using Club.Infrastructure.Scheduling;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Club.Infrastructure.Tests.Scheduling;

/// <summary>Two Club nodes (two containers, two Quartz schedulers, instance id AUTO) on one PostgreSQL database.</summary>
public class ClusteredSchedulerTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Two_nodes_on_one_database_run_each_firing_once()
    {
        await using var nodeA = TestServices.Build(db.ConnectionString);
        await using var nodeB = TestServices.Build(db.ConnectionString);
        var a = await StartAsync(nodeA);
        var b = await StartAsync(nodeB);
        a.SchedulerInstanceId.Should().NotBe(b.SchedulerInstanceId);

        // Six firings, a second apart, of the hourly SaleExpiry job; both nodes compete for each.
        var trigger = TriggerBuilder.Create()
            .WithIdentity("test-" + Guid.NewGuid().ToString("N"), "tests")
            .ForJob("SaleExpiry", ClubJobs.Group)
            .StartAt(DateTimeOffset.UtcNow.AddSeconds(2))
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).WithRepeatCount(5))
            .Build();
        await a.ScheduleJob(trigger);

        var runs = await WaitForAsync(async context =>
            await context.JobRuns.AsNoTracking().Where(r => r.JobName == "SaleExpiry" && r.Manual && r.FinishedAt != null).ToListAsync(),
            found => found.Count >= 6, TimeSpan.FromSeconds(60));
        // Counted once nothing more can fire: the store deletes the trigger after its last firing is
        // done, and every run either node started (a late double would be one) has finished.
        await WaitForAsync(async context =>
            await a.GetTrigger(trigger.Key) is null
            && !await context.JobRuns.AnyAsync(r => r.JobName == "SaleExpiry" && r.Manual && r.FinishedAt == null),
            idle => idle, TimeSpan.FromSeconds(60));
        runs = await WaitForAsync(async context =>
            await context.JobRuns.AsNoTracking().Where(r => r.JobName == "SaleExpiry" && r.Manual).ToListAsync(), _ => true, TimeSpan.Zero);

        runs.Should().HaveCount(6);
        runs.Select(r => r.ScheduledAt).Should().OnlyHaveUniqueItems();
        runs.Should().OnlyContain(r => r.Error == null && r.Affected != null);
        runs.Select(r => r.Node).Should().OnlyContain(n => n == a.SchedulerInstanceId || n == b.SchedulerInstanceId);

        await a.Shutdown(waitForJobsToComplete: true);
        await b.Shutdown(waitForJobsToComplete: true);
    }

    [Fact]
    public async Task The_schedule_lists_every_job_with_its_cron_and_next_run_and_run_now_queues_one_firing()
    {
        await using var node = TestServices.Build(db.ConnectionString);
        var scheduler = node.GetRequiredService<IJobScheduler>();

        var jobs = await scheduler.ListAsync();
        var unknown = await scheduler.RunNowAsync("NoSuchJob");
        var known = await scheduler.RunNowAsync("BirthdayRewards");

        jobs.Select(j => j.Name).Should().Equal("BirthdayRewards", "TierEvaluation", "CollectorStatus", "PointsExpiry", "SaleExpiry", "MailDelivery", "SurveyRewards", "PartnerReports", "ScanAlerts", "ScanAlertDigest", "ScanLogPartitions", "ScanLogRetention", "ScanVisitorRetention", "AccountErasure", "WebhookDelivery", "ApiIdempotencyRetention", "NewsMail");
        jobs.Should().OnlyContain(j => j.TimeZone == "Europe/Moscow" && j.NextRunAt > DateTimeOffset.UtcNow);
        jobs.Single(j => j.Name == "MailDelivery").Cron.Should().Be("0 * * * * ?");
        (unknown, known).Should().Be((false, true));
        await StartAsync(node);
        var run = await WaitForAsync(async context => await context.JobRuns.AsNoTracking().Where(r => r.JobName == "BirthdayRewards" && r.Manual).ToListAsync(),
            found => found.Count > 0 && found[0].FinishedAt != null, TimeSpan.FromSeconds(60));
        run.Should().ContainSingle().Which.Error.Should().BeNull();
        await (await node.GetRequiredService<ISchedulerFactory>().GetScheduler()).Shutdown(waitForJobsToComplete: true);
    }

    private static async Task<IScheduler> StartAsync(IServiceProvider node)
    {
        await node.GetRequiredService<Club.Infrastructure.Postgres.ClubDatabase>().StartAsync();
        var scheduler = await node.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        return scheduler;
    }

    private async Task<T> WaitForAsync<T>(Func<IClubDb, Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
            var value = await read(context);
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }
}
