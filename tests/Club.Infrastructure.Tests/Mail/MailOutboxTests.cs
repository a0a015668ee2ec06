using System.Collections.Concurrent;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Club.Application.Features.Scheduling;
using Club.Domain.Mail;
using Club.Infrastructure.Identity;
using Club.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Tests.Mail;

/// <summary>A mail sender that records what it sends and fails while told to.</summary>
public sealed class RecordingMailSender : IMailSender
{
    public ConcurrentBag<MailMessage> Sent { get; } = [];

    /// <summary>Subjects containing this text fail to send.</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    /// <summary>Subjects containing this text make the sender "die" (as its node would) once that many mails of them were sent.</summary>
    public ConcurrentDictionary<string, int> DieAfter { get; } = new();

    public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        if (DieAfter.FirstOrDefault(d => message.Subject.Contains(d.Key)) is { Key: not null } die
            && Sent.Count(m => m.Subject.Contains(die.Key)) >= die.Value)
        {
            // Not an SMTP failure (that is recorded and retried): the process stops here, mid-batch.
            throw new OperationCanceledException("node killed");
        }

        if (Failing.Keys.Any(message.Subject.Contains))
        {
            throw new IOException("SMTP server said 451: try again later");
        }

        Sent.Add(message);
        return Task.CompletedTask;
    }
}

public sealed class OutboxFixture : DatabaseFixture
{
    public RecordingMailSender Sender { get; } = new();

    protected override void Configure(IServiceCollection services) => services.AddSingleton<IMailSender>(Sender);
}

public class MailOutboxTests(OutboxFixture db) : IClassFixture<OutboxFixture>
{
    [Fact]
    public async Task Queueing_one_key_many_times_at_once_keeps_one_mail_and_sends_it_once()
    {
        var member = await MemberAsync("buyer@club.demo");
        var name = "once-" + Guid.NewGuid().ToString("N");
        var mail = new MemberMail(member, "Test", new Dictionary<string, string> { ["Name"] = name });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Outbox().EnqueueAsync("test:" + name, mail))));
        await Delivery().DeliverDueAsync();

        db.Sender.Sent.Where(m => m.Subject.Contains(name)).Should().ContainSingle().Which.To.Should().Be("buyer@club.demo");
        await using var context = await ContextAsync();
        (await context.MailOutbox.CountAsync(m => m.IdempotencyKey == "test:" + name && m.SentAt != null)).Should().Be(1);
    }

    [Fact]
    public async Task A_failed_send_waits_retries_later_gives_up_after_its_attempts_and_is_sent_after_a_retry()
    {
        var member = await MemberAsync("seller@club.demo");
        var name = "flaky-" + Guid.NewGuid().ToString("N");
        db.Sender.Failing[name] = true;
        var key = "test:" + name;
        await Outbox().EnqueueAsync(key, new MemberMail(member, "Test", new Dictionary<string, string> { ["Name"] = name },
            [new MailAttachment("report.csv", "text/csv", "a;b\n"u8.ToArray())]));

        var afterFirst = await RowAsync(key);
        await Delivery().DeliverDueAsync();
        var notDueYet = await RowAsync(key);
        // Skip the waiting: the last attempt is due now and fails too.
        await SqlAsync($"UPDATE mail_outbox SET attempts = {OutboxMail.MaxAttempts - 1}, next_attempt_at = now() - interval '1 second' WHERE idempotency_key = {key}");
        await Delivery().DeliverDueAsync();
        var gaveUp = await RowAsync(key);
        var listed = await db.SendAsync<JobsOverview>(new ListJobsQuery());
        db.Sender.Failing.TryRemove(name, out _);
        var retried = await db.SendAsync<int>(new RetryFailedMailCommand(gaveUp.Id));
        var retriedAgain = await db.SendAsync<int>(new RetryFailedMailCommand(gaveUp.Id));
        await Delivery().DeliverDueAsync();

        (afterFirst.Attempts, afterFirst.SentAt).Should().Be((1, null));
        afterFirst.LastError.Should().Contain("451");
        afterFirst.NextAttemptAt.Should().BeAfter(DateTimeOffset.UtcNow);
        notDueYet.Attempts.Should().Be(1);
        (gaveUp.Attempts, gaveUp.NextAttemptAt, gaveUp.SentAt).Should().Be((OutboxMail.MaxAttempts, null, null));
        listed.FailedMails.Should().Contain(f => f.Id == gaveUp.Id && f.LastError!.Contains("451"));
        (retried, retriedAgain).Should().Be((1, 0));
        (await RowAsync(key)).SentAt.Should().NotBeNull();
        var sent = db.Sender.Sent.Where(m => m.Subject.Contains(name)).Should().ContainSingle().Subject;
        sent.Attachments.Should().ContainSingle().Which.FileName.Should().Be("report.csv");
    }

    [Fact]
    public async Task Several_senders_at_once_send_each_queued_mail_once()
    {
        var member = await MemberAsync("partner@club.demo");
        var batch = Guid.NewGuid().ToString("N");
        await SqlAsync($"""
            INSERT INTO mail_outbox (idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at)
            SELECT 'test:' || {batch} || ':' || i, {member}, 'Test', jsonb_build_object('Name', {batch} || '-' || i), now(), 0, now()
            FROM generate_series(1, 300) i
            """);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Delivery().DeliverDueAsync())));

        var subjects = db.Sender.Sent.Where(m => m.Subject.Contains(batch)).Select(m => m.Subject).ToList();
        subjects.Should().HaveCount(300).And.OnlyHaveUniqueItems();
        await using var context = await ContextAsync();
        (await context.MailOutbox.CountAsync(m => m.IdempotencyKey.StartsWith("test:" + batch) && m.SentAt == null)).Should().Be(0);
    }

    [Fact]
    public async Task A_sender_killed_mid_batch_leaves_the_rest_to_another_which_sends_none_twice()
    {
        var member = await MemberAsync("partner@club.demo");
        var batch = Guid.NewGuid().ToString("N");
        await SqlAsync($"""
            INSERT INTO mail_outbox (idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at)
            SELECT 'test:' || {batch} || ':' || i, {member}, 'Test', jsonb_build_object('Name', {batch} || '-' || i), now(), 0, now()
            FROM generate_series(1, 100) i
            """);
        db.Sender.DieAfter[batch] = 37;

        var killed = async () => await Delivery().DeliverDueAsync();
        await killed.Should().ThrowAsync<OperationCanceledException>();
        db.Sender.DieAfter.TryRemove(batch, out _);
        await using var context = await ContextAsync();
        var markedBeforeTheLease = await context.MailOutbox.CountAsync(m => m.IdempotencyKey.StartsWith("test:" + batch) && m.SentAt != null);
        // The killed node's lease runs out; another node's run takes what is left.
        await SqlAsync($"UPDATE mail_outbox SET next_attempt_at = now() - interval '1 second' WHERE idempotency_key LIKE 'test:' || {batch} || ':%' AND sent_at IS NULL");
        await Delivery().DeliverDueAsync();

        markedBeforeTheLease.Should().Be(37);
        var subjects = db.Sender.Sent.Where(m => m.Subject.Contains(batch)).Select(m => m.Subject).ToList();
        subjects.Should().HaveCount(100).And.OnlyHaveUniqueItems();
        (await context.MailOutbox.CountAsync(m => m.IdempotencyKey.StartsWith("test:" + batch) && m.SentAt == null)).Should().Be(0);
    }

    [Fact]
    public async Task A_mail_queued_without_the_name_greets_the_member_by_their_name_at_sending_time()
    {
        var member = await MemberAsync("buyer@club.demo");
        var points = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SqlAsync($"""
            INSERT INTO mail_outbox (idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at)
            VALUES ('test:greeting:' || {points}, {member}, 'BirthdayGreeting', jsonb_build_object('Points', {points}), now(), 0, now())
            """);
        await using var context = await ContextAsync();
        var profile = await context.Members.SingleAsync(m => m.Id == member);

        await Delivery().DeliverDueAsync();

        var sent = db.Sender.Sent.Should().ContainSingle(m => m.TextBody.Contains(points)).Subject;
        sent.Subject.Should().Contain(profile.FullName);
        sent.TextBody.Should().Contain(profile.FullName).And.NotContain("{Name}");
    }

    private IMailOutbox Outbox() => db.Services.GetRequiredService<IMailOutbox>();

    private IMailDelivery Delivery() => db.Services.GetRequiredService<IMailDelivery>();

    private Task<Guid> MemberAsync(string email) =>
        db.WithScopeAsync<UserManager<ClubUser>, Guid>(async users => (await users.FindByEmailAsync(email))!.Id);

    private async Task<OutboxMail> RowAsync(string key)
    {
        await using var context = await ContextAsync();
        return await context.MailOutbox.AsNoTracking().SingleAsync(m => m.IdempotencyKey == key);
    }

    private async Task SqlAsync(FormattableString sql)
    {
        await using var context = await ContextAsync();
        await context.Database.ExecuteSqlAsync(sql);
    }

    private Task<IClubDb> ContextAsync() => db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
