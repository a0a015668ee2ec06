using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// The member (or staff, on the member's word: <see cref="StaffId"/> set, audited) cancels a deletion request
/// that is not carried out yet. An erasure already under way holds the request's row, so a cancellation
/// at that moment waits and then finds nothing left to cancel.
/// </summary>
public sealed record CancelAccountDeletionCommand(Guid MemberId, Guid? StaffId = null) : ICommand<Result>;

public sealed class CancelAccountDeletionHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<CancelAccountDeletionCommand, Result>
{
    public async ValueTask<Result> Handle(CancelAccountDeletionCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cancelled = await db.Database.SqlQuery<DateTimeOffset>(
            $"DELETE FROM account_deletions WHERE member_id = {command.MemberId} AND erased_at IS NULL RETURNING due_at AS \"Value\"").ToListAsync(cancellationToken);
        if (cancelled.Count == 0)
        {
            return Result.Fail("There is no deletion request to cancel.");
        }

        if (command.StaffId is not null)
        {
            await audit.RecordAsync(new AuditChange("account-deletion.cancelled", "member", command.MemberId.ToString(), new { DueAt = cancelled[0] }, null, command.MemberId),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
