using Club.Application.Abstractions;
using Club.Domain.Members;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Staff;

/// <summary>
/// The staff roles an admin hands out, and the rule that the club always keeps an administrator who can
/// sign in. Changes to staff accounts take one advisory lock, so two admins demoting each other at the
/// same moment cannot both succeed.
/// </summary>
public static class StaffRoles
{
    public static IReadOnlyList<string> All { get; } = [Roles.Admin, Roles.ProgramManager, Roles.FactoryStaff, Roles.PartnerManager];

    /// <summary>The advisory-lock key of staff changes (any constant; "staff" in ASCII).</summary>
    private const long LockKey = 0x7374616666;

    /// <summary>Takes the staff lock until the caller's transaction ends.</summary>
    public static Task LockAsync(IClubDb db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);

    /// <summary>Active admins other than <paramref name="except"/> (Guid.Empty: none) with a password: an unanswered invitation signs nobody in.</summary>
    public static Task<int> OtherActiveAdminsAsync(IClubDb db, Guid except, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value"
            FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE r.name = {Roles.Admin} AND u.deactivated_at IS NULL AND u.password_hash IS NOT NULL
              AND u.id <> {except}
            """).SingleAsync(cancellationToken);

    /// <summary>The admin account with this email that has not set its password yet, if any.</summary>
    public static Task<Guid?> InvitedAdminAsync(IClubDb db, string email, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Guid?>($"""
            SELECT u.id AS "Value"
            FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE r.name = {Roles.Admin} AND u.normalized_email = upper({email}) AND u.password_hash IS NULL
            """).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Whether any administrator account exists, invited or active.</summary>
    public static Task<bool> AnyAdminAsync(IClubDb db, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE r.name = {Roles.Admin}) AS "Value"
            """).SingleAsync(cancellationToken);

    /// <summary>The account's staff role, whether it is active, and its partner; null when it is not a staff account.</summary>
    public static Task<StaffState?> StateAsync(IClubDb db, Guid userId, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<StaffState>($"""
            SELECT r.name AS role, u.deactivated_at IS NULL AS active, m.partner_id, u.email
            FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id LEFT JOIN members m ON m.id = u.id
            WHERE u.id = {userId} AND r.name IN ({Roles.Admin}, {Roles.ProgramManager}, {Roles.FactoryStaff}, {Roles.PartnerManager})
            """).FirstOrDefaultAsync(cancellationToken);
}

public sealed record StaffState(string Role, bool Active, int? PartnerId, string? Email);
