using Club.Application.Features.Collector;
using Club.Application.Features.Mail;
using Club.Application.Features.News;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Points;
using Club.Application.Features.Privacy;
using Club.Application.Features.Reports;
using Club.Application.Features.Sales;
using Club.Infrastructure.Postgres;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using Club.Application.Features.Surveys;
using Club.Application.Features.Tiers;
using Club.Application.Features.Verification;

namespace Club.Infrastructure.Scheduling;

/// <summary>
/// What to do when a firing was missed (every node down, or the store busy past the misfire threshold).
/// </summary>
public enum Misfire
{
    /// <summary>Fire once as soon as a node is back, then keep the schedule: for daily work that must not wait a day.</summary>
    FireOnceNow,

    /// <summary>Skip the missed firing and wait for the next: for frequent jobs whose next firing comes soon anyway.</summary>
    Skip,
}

/// <summary>A scheduled job: the command its body sends, its default cron and its misfire policy.</summary>
public sealed record ClubJob(string Name, Type JobType, string DefaultCron, Misfire Misfire)
{
    public static ClubJob For<TCommand>(string name, string defaultCron, Misfire misfire)
        where TCommand : ICommand<int>, new() =>
        new(name, typeof(CommandJob<TCommand>), defaultCron, misfire);
}

/// <summary>
/// Quartz with the ADO job store in the application's PostgreSQL (tables qrtz_*, created by our
/// migration), clustered with instance id AUTO: several Club.Web nodes share one schedule and each
/// firing runs on one node. Cron per job from Club:Jobs:{Name}:Cron, time zone from Club:Jobs:TimeZone.
/// Club:Jobs:Enabled=false leaves the scheduler unstarted (tests that do not need it, a node that
/// should only serve pages); the jobs page still reads the shared schedule and can queue "run now".
/// </summary>
public static class ClubJobs
{
    public const string Section = "Club:Jobs";
    public const string Group = "club";
    public const string SchedulerName = "Club";
    public const string DefaultTimeZone = "Europe/Moscow";

    /// <summary>
    /// Every scheduled job: adding one is one line naming its command. Misfire policies: the daily jobs
    /// fire once when a node is back (their commands pay "today" plus catch-up days and take back
    /// everything past due, so one late run covers the missed one, and several would add nothing); the
    /// hourly and every-minute jobs skip missed firings, because the next one is near and does the same.
    /// </summary>
    public static IReadOnlyList<ClubJob> All { get; } =
    [
        ClubJob.For<PayBirthdayRewardsCommand>("BirthdayRewards", "0 5 0 * * ?", Misfire.FireOnceNow),
        // 01:00 daily: every member's tier over the rolling 12 months, and the downgrade warnings.
        ClubJob.For<EvaluateTiersCommand>("TierEvaluation", "0 0 1 * * ?", Misfire.FireOnceNow),
        // 00:20 on 1 January: the hidden Collector status for the new year, by the year just ended.
        ClubJob.For<GrantCollectorStatusesCommand>("CollectorStatus", "0 20 0 1 1 ?", Misfire.FireOnceNow),
        ClubJob.For<ExpirePointsCommand>("PointsExpiry", "0 30 0 * * ?", Misfire.FireOnceNow),
        ClubJob.For<ExpireUnconfirmedSalesCommand>("SaleExpiry", "0 15 * * * ?", Misfire.Skip),
        ClubJob.For<DeliverMailCommand>("MailDelivery", "0 * * * * ?", Misfire.Skip),
        ClubJob.For<PaySurveyRewardsCommand>("SurveyRewards", "0 */5 * * * ?", Misfire.Skip),
        // Daily: it sends whatever weekly or monthly report has come due and not been sent yet.
        ClubJob.For<SendDueReportsCommand>("PartnerReports", "0 0 6 * * ?", Misfire.FireOnceNow),
        // A minute past each quarter hour, so the scan log's last batch of the window is written.
        ClubJob.For<EvaluateScanAlertsCommand>("ScanAlerts", "0 1/15 * * * ?", Misfire.Skip),
        ClubJob.For<SendScanAlertDigestCommand>("ScanAlertDigest", "0 0 8 * * ?", Misfire.FireOnceNow),
        // The scan log's monthly partitions: next months' created ahead, months past the retention dropped.
        ClubJob.For<CreateScanLogPartitionsCommand>("ScanLogPartitions", "0 10 3 * * ?", Misfire.FireOnceNow),
        ClubJob.For<DropOldScanLogPartitionsCommand>("ScanLogRetention", "0 20 3 * * ?", Misfire.FireOnceNow),
        ClubJob.For<ForgetOldScanVisitorsCommand>("ScanVisitorRetention", "0 40 3 * * ?", Misfire.FireOnceNow),
        ClubJob.For<EraseDueAccountsCommand>("AccountErasure", "0 0 4 * * ?", Misfire.FireOnceNow),
        // Every 15 seconds: the first retry of a failed webhook is due 30 seconds later.
        ClubJob.For<DeliverWebhooksCommand>("WebhookDelivery", "0/15 * * * * ?", Misfire.Skip),
        ClubJob.For<ForgetOldIdempotencyKeysCommand>("ApiIdempotencyRetention", "0 50 3 * * ?", Misfire.FireOnceNow),
        // Daily, in the morning: each news item published since is mailed once to its audience.
        ClubJob.For<MailNewsCommand>("NewsMail", "0 0 10 * * ?", Misfire.FireOnceNow),
    ];

    public static string CronFor(IConfiguration configuration, ClubJob job) =>
        configuration[$"{Section}:{job.Name}:Cron"] is { Length: > 0 } cron ? cron : job.DefaultCron;

    public static string TimeZoneId(IConfiguration configuration) =>
        configuration[$"{Section}:TimeZone"] is { Length: > 0 } zone ? zone : DefaultTimeZone;

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue<bool?>($"{Section}:Enabled") ?? true;

    public static IServiceCollection AddClubScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId(configuration));
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                scheduler.GenerateInstanceId = true;
            });
            quartz.UsePersistentStore(store =>
            {
                // The embedded server starts with the app, after services are configured: the data
                // source is made when the store first needs a connection, by then the database is up.
                store.UsePostgres(postgres => postgres.DataSourceFactory = provider =>
                    NpgsqlDataSource.Create(provider.GetRequiredService<ClubDatabase>().SchedulerConnectionString));
                store.ConfigureStore(options => options.TablePrefix = "qrtz_");
                store.UseClustering();
                store.UseSystemTextJsonSerializer();
            });

            foreach (var job in All)
            {
                // Recovery: a firing whose node died mid-run is fired again by a surviving node once the
                // dead one misses its check-ins (seconds); the commands are idempotent, so it finishes once.
                quartz.AddJob(job.JobType, j => j.WithIdentity(job.Name, Group).StoreDurably().RequestRecovery());
                quartz.AddTrigger(t => t
                    .WithIdentity(job.Name, Group)
                    .ForJob(job.Name, Group)
                    .WithCronSchedule(CronFor(configuration, job), cron =>
                    {
                        cron.InTimeZone(zone);
                        cron.WithMisfireInstruction(job.Misfire == Misfire.FireOnceNow
                            ? CronTriggerMisfireInstruction.FireAndProceed
                            : CronTriggerMisfireInstruction.DoNothing);
                    }));
            }
        });

        services.AddSingleton<QuartzJobScheduler>();
        services.AddSingleton<Club.Application.Abstractions.IJobScheduler>(provider => provider.GetRequiredService<QuartzJobScheduler>());
        if (Enabled(configuration))
        {
            services.AddHostedService<ClubSchedulerService>();
        }

        return services;
    }
}
