using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Mail;

/// <summary>
/// Puts mail that gave up (too many failed sends) back in the queue with fresh attempts: one mail, or
/// every failed one when <paramref name="MailId"/> is null. Returns how many were requeued; a second
/// click finds nothing failed and does nothing. Logged as <c>mail.retry</c> with the mails' ids (never
/// their recipients or content).
/// </summary>
public sealed record RetryFailedMailCommand(long? MailId = null) : ICommand<int>;

public sealed class RetryFailedMailHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<RetryFailedMailCommand, int>
{
    public async ValueTask<int> Handle(RetryFailedMailCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // RETURNING names exactly the mails this statement requeued, even with a second click running alongside.
        var requeued = await (command.MailId is { } one
            ? db.Database.SqlQuery<long>($"""
                UPDATE mail_outbox SET next_attempt_at = {now}, attempts = 0
                WHERE id = {one} AND sent_at IS NULL AND next_attempt_at IS NULL RETURNING id AS "Value"
                """)
            : db.Database.SqlQuery<long>($"""
                UPDATE mail_outbox SET next_attempt_at = {now}, attempts = 0
                WHERE sent_at IS NULL AND next_attempt_at IS NULL RETURNING id AS "Value"
                """)).ToListAsync(cancellationToken);
        if (requeued.Count > 0)
        {
            requeued.Sort();
            var entity = command.MailId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "failed";
            await audit.RecordAsync(new AuditChange("mail.retry", "mail", entity,
                new { State = "Failed", Mails = requeued }, new { State = "Queued", Mails = requeued }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return requeued.Count;
    }
}
