using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Mail;
using Club.Application.Features.Scheduling;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Audit.AuditAssert;
using static Club.Application.Tests.Features.Audit.AuditTestKit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>The jobs page's "run now" and the mail desk's retry: who asked for what, and nothing logged when nothing happened.</summary>
[Collection(AuditedActions.Name)]
public class AuditedOperationsTests(AuditActorFixture db)
{
    [Fact]
    public async Task Running_a_job_now_is_logged_and_an_unknown_job_logs_nothing()
    {
        var scheduler = new OneJobScheduler($"Job{Unique()}");

        (await RunAsync(scheduler, scheduler.Job)).Succeeded.Should().BeTrue();
        (await RunAsync(scheduler, "NoSuchJob")).Succeeded.Should().BeFalse();

        Created(await RowAsync(db, "job.run-now", "job", scheduler.Job), "job", scheduler.Job);
        scheduler.Fired.Should().Equal(scheduler.Job);
        (await db.QueryAsync(c => c.AuditLog.CountAsync(e => e.Action == "job.run-now" && e.EntityId == "NoSuchJob"))).Should().Be(0);
    }

    [Fact]
    public async Task Retrying_a_failed_mail_is_logged_with_its_id_and_a_second_click_logs_nothing()
    {
        var key = $"audit-test:{Unique()}";
        await db.Services.GetRequiredService<IMailOutbox>().EnqueueAsync(
            key, new MemberMail(await db.IdOfAsync("buyer@club.demo"), "Test", new Dictionary<string, string> { ["Name"] = key }));
        (await db.SqlAsync($"UPDATE mail_outbox SET attempts = 5, next_attempt_at = NULL, sent_at = NULL WHERE idempotency_key = {key}")).Should().Be(1);
        var mail = await db.QueryAsync(c => c.MailOutbox.Where(m => m.IdempotencyKey == key).Select(m => m.Id).SingleAsync());

        (await db.SendAsync<int>(new RetryFailedMailCommand(mail))).Should().Be(1);
        (await db.SendAsync<int>(new RetryFailedMailCommand(mail))).Should().Be(0);

        var row = await RowAsync(db, "mail.retry", "mail", Id(mail));
        Changed(row, "state", "Failed", "Queued");
        After(row, "mails", new[] { mail });
        row.MemberId.Should().BeNull("the row names mails, not their recipients");
        $"{row.Before} {row.After}".Should().NotContain("buyer@club.demo");
        (await db.QueryAsync(c => c.AuditLog.CountAsync(e => e.Action == "mail.retry" && e.EntityId == Id(mail)))).Should().Be(1);
    }

    private async Task<Result> RunAsync(IJobScheduler scheduler, string job)
    {
        // The real scheduler fires Quartz jobs; this one only notes the request, which is all the audit row depends on.
        await using var scope = db.Services.CreateAsyncScope();
        var handler = new RunJobNowHandler(
            scheduler, scope.ServiceProvider.GetRequiredService<IClubDbFactory>(), scope.ServiceProvider.GetRequiredService<IAuditTrail>());
        return await handler.Handle(new RunJobNowCommand(job), CancellationToken.None);
    }

    private sealed class OneJobScheduler(string job) : IJobScheduler
    {
        public string Job => job;

        public List<string> Fired { get; } = [];

        public Task<IReadOnlyList<ScheduledJob>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ScheduledJob>>([new ScheduledJob(job, "0 0 3 * * ?", "UTC", null)]);

        public Task<bool> RunNowAsync(string jobName, CancellationToken cancellationToken = default)
        {
            if (jobName != job)
            {
                return Task.FromResult(false);
            }

            Fired.Add(jobName);
            return Task.FromResult(true);
        }

        public Task<IReadOnlyList<string>> LiveNodesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<string>>([]);
    }
}
