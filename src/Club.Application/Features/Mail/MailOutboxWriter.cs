using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Club.Application.Features.Mail;

/// <summary>
/// The only statements that write <c>mail_outbox</c>: one mail (the <see cref="IMailOutbox"/> queue) and
/// a set of mails inside a job's statement (birthday greetings, expiry reminders). Keys are unique, so
/// queueing a key again sends nothing more. The member's name is filled in when a mail is sent.
/// </summary>
public static class MailOutboxWriter
{
    private const string Columns = "idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at";

    /// <summary>Queues one mail; returns its id, or null when the key was queued before (that mail stands).</summary>
    public static async Task<long?> InsertAsync(
        DatabaseFacade database, string idempotencyKey, Guid memberId, string template, string valuesJson,
        IReadOnlyList<MailAttachment> attachments, DateTimeOffset now, CancellationToken cancellationToken,
        MailCategory category = MailCategory.Service)
    {
        // The club sends no promotional mail yet; the marketing consent check belongs here, with the
        // first one (issue 22). Until then such a mail is a programming error, never a silent send.
        if (category != MailCategory.Service)
        {
            throw new InvalidOperationException("Promotional mail needs the member's marketing consent check, which is not built yet.");
        }

        var ids = await database.SqlQuery<long>($"""
            INSERT INTO mail_outbox (idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at)
            VALUES ({idempotencyKey}, {memberId}, {template}, {valuesJson}::jsonb, {now}, 0, {now})
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        foreach (var attachment in attachments)
        {
            await database.ExecuteSqlAsync($"""
                INSERT INTO mail_outbox_attachments (mail_id, file_name, content_type, content)
                VALUES ({ids[0]}, {attachment.FileName}, {attachment.ContentType}, {attachment.Content})
                """, cancellationToken);
        }

        return ids[0];
    }

    /// <summary>
    /// Queues a mail per row of <paramref name="mails"/> (columns: key, member_id, template, values as jsonb),
    /// in one statement, skipping keys queued before; returns how many were new.
    /// </summary>
    public static Task<int> InsertSetAsync(DatabaseFacade database, FormattableString mails, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ExecuteSqlAsync(SqlComposition.Wrap(
            $"INSERT INTO mail_outbox ({Columns}) SELECT m.k, m.member_id, m.t, m.v, {{0}}, 0, {{0}} FROM (/*inner*/) AS m(k, member_id, t, v) ORDER BY 1 ON CONFLICT (idempotency_key) DO NOTHING",
            [now], mails), cancellationToken);

    /// <summary>
    /// The text of a data-modifying sub-statement that queues a mail per row of <paramref name="source"/>
    /// (SQL with columns k, member_id, t, v), for a job statement that writes its mail together with what
    /// the mail reports. <paramref name="nowPlaceholder"/> is the caller's parameter for the time. Without
    /// a conflict check: the caller's keys are new (they are the keys of the entries it just wrote).
    /// </summary>
    public static string InsertFromSql(string source, string nowPlaceholder) =>
        $"INSERT INTO mail_outbox ({Columns}) SELECT m.k, m.member_id, m.t, m.v, {nowPlaceholder}, 0, {nowPlaceholder} FROM ({source}) AS m(k, member_id, t, v)";
}
