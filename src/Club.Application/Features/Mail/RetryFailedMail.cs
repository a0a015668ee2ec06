using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Mail;

/// <summary>
/// Puts mail that gave up (too many failed sends) back in the queue with fresh attempts: one mail, or
/// every failed one when <paramref name="MailId"/> is null. Returns how many were requeued; a second
/// click finds nothing failed and does nothing.
/// </summary>
public sealed record RetryFailedMailCommand(long? MailId = null) : ICommand<int>;

public sealed class RetryFailedMailHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<RetryFailedMailCommand, int>
{
    public async ValueTask<int> Handle(RetryFailedMailCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.MailOutbox
            .Where(m => m.SentAt == null && m.NextAttemptAt == null && (command.MailId == null || m.Id == command.MailId))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.Attempts, 0), cancellationToken);
    }
}
