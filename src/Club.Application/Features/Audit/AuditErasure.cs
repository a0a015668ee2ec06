using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Audit;

/// <summary>
/// Erasing a member clears what the audit log holds about them: the personal value and the member id.
/// The only change the log's trigger lets through; run it in the erasure's own transaction.
/// </summary>
public static class AuditErasure
{
    public static Task<int> EraseMemberAsync(IClubDb db, Guid memberId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE audit_log SET personal_value = NULL, member_id = NULL WHERE member_id = {memberId}",
            ct);
}
