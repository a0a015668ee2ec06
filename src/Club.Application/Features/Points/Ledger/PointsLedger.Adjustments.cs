using Club.Application.Abstractions;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points.Ledger;

/// <summary>Staff corrections: the requests kept beside the ledger, so every points table is written here.</summary>
public static partial class PointsLedger
{
    /// <summary>Records a correction request once per form id; false when the id was taken (a double click).</summary>
    public static async Task<bool> RequestAdjustmentAsync(IClubDb db, PointsAdjustment adjustment, CancellationToken cancellationToken)
    {
        var (reason, state) = (adjustment.Reason.ToString(), adjustment.State.ToString());
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO points_adjustments (id, member_id, amount, reason, comment, show_comment, state, requested_by, requested_at)
            VALUES ({adjustment.Id}, {adjustment.MemberId}, {adjustment.Amount}, {reason}, {adjustment.Comment}, {adjustment.ShowComment},
                    {state}, {adjustment.RequestedBy}, {adjustment.RequestedAt})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        return inserted > 0;
    }

    /// <summary>Moves a waiting correction to <paramref name="to"/>; false when it was decided already (of two Admins, one decides).</summary>
    public static async Task<bool> DecideAdjustmentAsync(
        IClubDb db, Guid adjustmentId, AdjustmentState to, Guid adminId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (state, waiting) = (to.ToString(), nameof(AdjustmentState.AwaitingApproval));
        var moved = await db.Database.ExecuteSqlAsync($"""
            UPDATE points_adjustments SET state = {state}, decided_by = {adminId}, decided_at = {now}
            WHERE id = {adjustmentId} AND state = {waiting}
            """, cancellationToken);
        return moved > 0;
    }
}
