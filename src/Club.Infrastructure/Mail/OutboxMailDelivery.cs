using System.Diagnostics;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Domain.Mail;
using Club.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Mail;

/// <summary>
/// Sends outbox mail. A sender first claims mail with one UPDATE (FOR UPDATE SKIP LOCKED, so two nodes
/// never take the same mail) that pushes its next attempt ahead by a lease; a sender that dies mid-send
/// thus hands the mail back after the lease. Each mail gets sent_at as soon as the SMTP server took it; a failed send is retried after
/// 1, 2, 4... minutes (at most 6 hours) until <see cref="OutboxMail.MaxAttempts"/>, then waits for "retry"
/// on the jobs page. SMTP cannot be exactly-once: a crash between the server's "OK" and sent_at would
/// resend that one mail after the lease (only that one), which beats losing it.
/// </summary>
internal sealed class OutboxMailDelivery(
    IDbContextFactory<ClubDbContext> dbFactory, MailTemplates templates, IMailSender sender, TimeProvider clock, ILogger<OutboxMailDelivery> logger)
    : IMailDelivery
{
    private const int BatchSize = 100;
    private const int MaxErrorLength = 2000;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>A run of the every-minute job stops taking new batches after this, leaving the rest to the next run.</summary>
    private static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(45);

    private sealed record ClaimedMail(
        long Id, Guid MemberId, string Template, string ValuesJson, int Attempts, string? Email, string? Culture, string? Name, bool HasAttachments);

    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < RunBudget)
        {
            var (claimed, delivered) = await DeliverBatchAsync(null, cancellationToken);
            sent += delivered;
            if (claimed < BatchSize)
            {
                break;
            }
        }

        return sent;
    }

    /// <summary>Sends the one mail with this key if it is due and nobody else holds it.</summary>
    public async Task<bool> DeliverAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        (await DeliverBatchAsync(idempotencyKey, cancellationToken)).Sent == 1;

    private async Task<(int Claimed, int Sent)> DeliverBatchAsync(string? key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = await db.Database.SqlQuery<ClaimedMail>($"""
            UPDATE mail_outbox o SET attempts = o.attempts + 1, next_attempt_at = {now + Lease}
            FROM (
                SELECT id FROM mail_outbox
                WHERE sent_at IS NULL AND next_attempt_at <= {now} AND ({key}::text IS NULL OR idempotency_key = {key}::text)
                ORDER BY next_attempt_at, id
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED) c
            WHERE o.id = c.id
            RETURNING o.id, o.member_id, o.template, o.values::text AS values_json, o.attempts,
                (SELECT u.email FROM users u WHERE u.id = o.member_id) AS email,
                (SELECT m.culture FROM members m WHERE m.id = o.member_id) AS culture,
                (SELECT m.full_name FROM members m WHERE m.id = o.member_id) AS name,
                EXISTS (SELECT 1 FROM mail_outbox_attachments a WHERE a.mail_id = o.id) AS has_attachments
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return (0, 0);
        }

        var withFiles = claimed.Where(m => m.HasAttachments).Select(m => m.Id).ToList();
        ILookup<long, MailAttachment>? files = withFiles.Count == 0
            ? null
            : (await db.Set<OutboxAttachment>().AsNoTracking().Where(a => withFiles.Contains(a.MailId)).OrderBy(a => a.Id).ToListAsync(cancellationToken))
                .ToLookup(a => a.MailId, a => new MailAttachment(a.FileName, a.ContentType, a.Content));

        var sent = 0;
        foreach (var mail in claimed)
        {
            try
            {
                if (mail.Email is null)
                {
                    // An erased account has nobody to mail (a job may still queue a mail for its anonymous
                    // profile): the mail is dropped, so no row about it stays either.
                    if (await DropMailOfErasedAccountAsync(db, mail, cancellationToken))
                    {
                        continue;
                    }

                    throw new InvalidOperationException("The member has no e-mail address.");
                }

                var values = JsonSerializer.Deserialize<Dictionary<string, string>>(mail.ValuesJson) ?? [];
                // Bulk jobs queue a million greetings without copying each name into them: the name is the
                // member's own at sending time.
                if (mail.Name is not null)
                {
                    values.TryAdd("Name", mail.Name);
                }

                var attachments = files is not null && files.Contains(mail.Id) ? files[mail.Id].ToList() : null;
                await sender.SendAsync(templates.Render(mail.Template, mail.Culture ?? "ru", mail.Email, values, attachments), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Mail {Id} ({Template}) to member {Member} failed, attempt {Attempt}", mail.Id, mail.Template, mail.MemberId, mail.Attempts);
                DateTimeOffset? next = mail.Attempts >= OutboxMail.MaxAttempts ? null : clock.GetUtcNow() + RetryDelay(mail.Attempts);
                var error = ex.Message.Length <= MaxErrorLength ? ex.Message : ex.Message[..MaxErrorLength];
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE mail_outbox SET next_attempt_at = {next}, last_error = {error} WHERE id = {mail.Id} AND sent_at IS NULL",
                    CancellationToken.None);
                continue;
            }

            // Marked as soon as it has gone, one by one: a node dying mid-batch leaves at most the mail in
            // flight to be sent again, not the whole batch. Not cancellable: the mail has gone.
            await db.Database.ExecuteSqlAsync(
                $"UPDATE mail_outbox SET sent_at = {clock.GetUtcNow()}, next_attempt_at = NULL, last_error = NULL WHERE id = {mail.Id}",
                CancellationToken.None);
            sent++;
        }

        return (claimed.Count, sent);
    }

    private static async Task<bool> DropMailOfErasedAccountAsync(ClubDbContext db, ClaimedMail mail, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM mail_outbox AS o WHERE o.id = {mail.Id}
              AND EXISTS (SELECT 1 FROM account_deletions AS d WHERE d.member_id = o.member_id AND d.erased_at IS NOT NULL)
            """, cancellationToken) == 1;

    /// <summary>1, 2, 4, 8... minutes after the n-th failed attempt, at most 6 hours.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Clamp(attempts - 1, 0, 16))));
}
