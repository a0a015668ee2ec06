using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// The AccountErasure job: erases every account whose deletion request is due, each in its own
/// transaction (a failure leaves the others done and is retried by the next run). Returns how many.
/// </summary>
public sealed record EraseDueAccountsCommand : ICommand<int>;

public sealed class EraseDueAccountsHandler(IClubDbFactory dbFactory, IAuditTrail audit, IMailOutbox outbox, TimeProvider clock)
    : ICommandHandler<EraseDueAccountsCommand, int>
{
    public const string DeletedTemplate = "AccountDeleted";

    public async ValueTask<int> Handle(EraseDueAccountsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            // A member made staff since the request is left waiting: staff accounts leave through the staff page.
            due = await db.Database.SqlQuery<Guid>($"""
                SELECT d.member_id AS "Value" FROM account_deletions AS d
                WHERE d.erased_at IS NULL AND d.due_at <= {now}
                  AND NOT EXISTS (SELECT 1 FROM user_roles AS ur JOIN roles AS r ON r.id = ur.role_id
                                  WHERE ur.user_id = d.member_id AND r.name <> {Roles.Buyer} AND r.name <> {Roles.Seller})
                ORDER BY d.due_at
                """).ToListAsync(cancellationToken);
        }

        var erased = 0;
        foreach (var memberId in due)
        {
            erased += await EraseAsync(memberId, now, cancellationToken) ? 1 : 0;
        }

        return erased;
    }

    private async Task<bool> EraseAsync(Guid memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The request's row stays locked until the erasure commits: a cancellation at this moment, or a
        // second node running the job, waits and then finds it done.
        var claimed = await db.Database.SqlQuery<Guid>($"""
            SELECT member_id AS "Value" FROM account_deletions
            WHERE member_id = {memberId} AND erased_at IS NULL AND due_at <= {now}
            FOR UPDATE
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return false;
        }

        // The notice goes before the address is erased, and is tried once: retrying it later would mean
        // keeping the address. Its key makes a rerun after a crash send nothing more.
        await outbox.EnqueueAsync($"account-deleted:{memberId}", new MemberMail(memberId, DeletedTemplate, new Dictionary<string, string>()), cancellationToken);

        await AccountErasure.EraseAsync(db, memberId, cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE account_deletions SET erased_at = {now} WHERE member_id = {memberId}", cancellationToken);
        // The request claimed above was not erased yet.
        await audit.RecordAsync(new AuditChange("account.erased", "member", memberId.ToString(), new { ErasedAt = (DateTimeOffset?)null }, new { ErasedAt = now }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
