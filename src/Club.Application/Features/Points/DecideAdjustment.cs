using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>An Admin approves (posts) or rejects a correction that was larger than the limit.</summary>
public sealed record DecideAdjustmentCommand(Guid AdjustmentId, bool Approve, Guid AdminId) : ICommand<Result>;

public sealed class DecideAdjustmentHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<DecideAdjustmentCommand, Result>
{
    public async ValueTask<Result> Handle(DecideAdjustmentCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional on still waiting: of two Admins (or two clicks), one decides, the other is told.
        var to = command.Approve ? AdjustmentState.Posted : AdjustmentState.Rejected;
        var waiting = nameof(AdjustmentState.AwaitingApproval);
        if (!await PointsLedger.DecideAdjustmentAsync(db, command.AdjustmentId, to, command.AdminId, now, cancellationToken))
        {
            return Result.Fail("This correction has already been decided.");
        }

        var adjustment = await db.PointsAdjustments.AsNoTracking().SingleAsync(a => a.Id == command.AdjustmentId, cancellationToken);
        if (command.Approve)
        {
            if (await AdjustmentPosting.PostAsync(db, adjustment, now, cancellationToken) is { } refusal)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Result.Fail(refusal);
            }
        }

        await audit.RecordAsync(new AuditChange(command.Approve ? "points.adjust.approve" : "points.adjust.reject", PointsAdjustment.ReferenceType,
            adjustment.Id.ToString("D"), new { State = waiting }, new { State = to.ToString(), adjustment.Amount }, adjustment.MemberId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
