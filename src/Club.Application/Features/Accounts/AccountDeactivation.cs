using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Accounts;

/// <summary>
/// The one switch that turns an account off and on, for staff (/manage/staff) and members (the member
/// desk) alike: <c>users.deactivated_at</c>, which sign-in checks, and a new security stamp, so every
/// cookie of the account fails its next check (the validation interval in operations.md) and its
/// sessions end. The points ledger reads the same column to freeze a member's points.
/// </summary>
public static class AccountDeactivation
{
    /// <summary>Deactivates the account at <paramref name="deactivatedAt"/>, or reactivates it when null. False when there is no such account.</summary>
    public static async Task<bool> SetAsync(IClubDb db, Guid userId, DateTimeOffset? deactivatedAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE users SET deactivated_at = {deactivatedAt}::timestamptz, security_stamp = md5(random()::text),
                   concurrency_stamp = gen_random_uuid()::text
            WHERE id = {userId}
            """, cancellationToken) == 1;

    /// <summary>When the account was deactivated, or null while it is active (or does not exist).</summary>
    public static async Task<DateTimeOffset?> DeactivatedAtAsync(IClubDb db, Guid userId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<DateTimeOffset?>($"SELECT deactivated_at AS \"Value\" FROM users WHERE id = {userId}")
            .ToListAsync(cancellationToken)).SingleOrDefault();
}
