using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Club.Application.Features.Points.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>
/// The PointsExpiry job's body. Takes back what remains of every lot past its expiry date (one debit
/// entry per lot, key expiry:lot:{entry id}, the lot's remaining set to 0, the balance lowered), then
/// queues a reminder (template PointsExpiring, once per member and expiry date) for points expiring
/// within the reminder days. Set-based, in member ranges (<see cref="MemberRanges"/>), and safe to
/// re-run, to kill midway or to run on two nodes at once. Returns members whose points expired plus
/// reminders queued.
/// </summary>
public sealed record ExpirePointsCommand : ICommand<int>;

public sealed class ExpirePointsHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock)
    : ICommandHandler<ExpirePointsCommand, int>
{
    public const string ReminderTemplate = "PointsExpiring";

    public async ValueTask<int> Handle(ExpirePointsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await ExpireAsync(now, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // Ten days of expiring lots in one statement: longer than the default 30 s a page query gets.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var reminded = await RemindAsync(db, now, cancellationToken);
        return expired + reminded;
    }

    /// <summary>Members whose points expired, in member ranges of about a batch of due lots each.</summary>
    private Task<int> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        return MemberRanges.RunAsync(dbFactory, settings, $"""
            SELECT member_id AS "Value" FROM (
                SELECT member_id, row_number() OVER (ORDER BY member_id) AS n
                FROM points_lots WHERE expires_at <= {now} AND remaining > 0) s
            WHERE n % {Math.Max(1, settings.JobBatchSize)} = 0
            ORDER BY 1
            """,
            (db, from, to, token) => PointsLedger.ExpireLotsAsync(db, from, to, now, token),
            cancellationToken);
    }

    private async Task<int> RemindAsync(IClubDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = now.AddDays((await PointsPolicies.CurrentAsync(db, cancellationToken)).ExpiryReminderDays);
        var zone = settings.TimeZone;
        // One mail per member and expiry day (in the brand's time zone), whatever number of lots or runs.
        // The member's name is filled in when the mail is sent.
        return await MailOutboxWriter.InsertSetAsync(db.Database, $"""
            SELECT 'points-expiring:' || t.member_id || ':' || t.day, t.member_id, {ReminderTemplate}::text,
                   jsonb_build_object('Points', t.points::text, 'Date', to_char(t.day, 'DD.MM.YYYY'))
            FROM (
                SELECT l.member_id, (l.expires_at AT TIME ZONE {zone})::date AS day, sum(l.remaining) AS points
                FROM points_lots l
                WHERE l.remaining > 0 AND l.expires_at > {now} AND l.expires_at <= {horizon}
                GROUP BY 1, 2) t
            """, now, cancellationToken);
    }
}
