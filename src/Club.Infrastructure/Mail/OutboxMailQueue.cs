using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Club.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Mail;

/// <summary>
/// Queues member mail in the mail_outbox table (the unique key makes a second queueing do nothing), then
/// tries to send it at once so a member waits no longer than before there was a queue. A send that
/// fails stays queued for the MailDelivery job, which retries it with a growing delay.
/// </summary>
internal sealed class OutboxMailQueue(IDbContextFactory<ClubDbContext> dbFactory, OutboxMailDelivery delivery, TimeProvider clock) : IMailOutbox
{
    public async Task EnqueueAsync(string idempotencyKey, MemberMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var now = clock.GetUtcNow();
        var values = JsonSerializer.Serialize(mail.Values);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await MailOutboxWriter.InsertAsync(db.Database, idempotencyKey, mail.MemberId, mail.Template, values, mail.Attachments ?? [], now, cancellationToken, mail.Category) is null)
            {
                // Queued before: the first queueing's mail is the one (sent, or being retried).
                return;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await delivery.DeliverAsync(idempotencyKey, cancellationToken);
    }
}
