using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Application.Features.Privacy;
using Club.Domain.Privacy;
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
    private static readonly Meter Meter = new("Club.Mail");

    /// <summary>Promotional mails not queued because the member has not given (or has withdrawn) the marketing consent.</summary>
    public static readonly Counter<long> PromotionalSkipped = Meter.CreateCounter<long>("club.mail.promotional_skipped", description: "Promotional mails skipped for want of the marketing consent");

    private const string Columns = "idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at";

    /// <summary>Queues one mail; returns its id, or null when the key was queued before (that mail stands).</summary>
    public static async Task<long?> InsertAsync(
        DatabaseFacade database, string idempotencyKey, Guid memberId, string template, string valuesJson,
        IReadOnlyList<MailAttachment> attachments, DateTimeOffset now, CancellationToken cancellationToken,
        MailCategory category = MailCategory.Service)
    {
        // Promotional mail only to a member with the marketing consent, checked in the insert itself so a
        // consent withdrawn a moment ago is seen; a skipped mail is counted, not an error.
        var promotional = category == MailCategory.Promotional;
        var ids = await database.SqlQuery<long>(FormattableStringFactory.Create($$"""
            INSERT INTO mail_outbox (idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at)
            SELECT {0}, {1}, {2}, {3}::jsonb, {4}, 0, {4}
            WHERE NOT {5} OR {{ConsentRecords.GrantedSql("{1}", ConsentKinds.Marketing)}}
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id AS "Value"
            """, idempotencyKey, memberId, template, valuesJson, now, promotional)).ToListAsync(cancellationToken);
        if (ids.Count == 0 && promotional && !await ConsentRecords.IsGrantedAsync(database, memberId, ConsentKinds.Marketing, cancellationToken))
        {
            PromotionalSkipped.Add(1);
            return null;
        }

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
    /// in one statement, skipping keys queued before; returns how many were new. Promotional rows go only
    /// to members with the marketing consent; the others are left out.
    /// </summary>
    public static Task<int> InsertSetAsync(
        DatabaseFacade database, FormattableString mails, DateTimeOffset now, CancellationToken cancellationToken,
        MailCategory category = MailCategory.Service) =>
        database.ExecuteSqlAsync(SqlComposition.Wrap(
            $"INSERT INTO mail_outbox ({Columns}) SELECT m.k, m.member_id, m.t, m.v, {{0}}, 0, {{0}} FROM (/*inner*/) AS m(k, member_id, t, v)"
            + (category == MailCategory.Promotional ? $" WHERE {ConsentRecords.GrantedSql("m.member_id", ConsentKinds.Marketing)}" : "")
            + " ORDER BY 1 ON CONFLICT (idempotency_key) DO NOTHING",
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
