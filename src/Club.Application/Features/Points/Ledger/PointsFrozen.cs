using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points.Ledger;

/// <summary>
/// A posting named a deactivated member: while an account is deactivated its points are frozen, so the
/// ledger writes no credit and no debit for it. Commands whose result can carry a message answer with
/// <see cref="MessageKey"/> (FrozenPointsBehavior in Features/Points); nothing was written.
/// </summary>
public sealed class PointsFrozenException(Guid memberId)
    : InvalidOperationException($"The points of member {memberId} are frozen: the account is deactivated.")
{
    public const string MessageKey = "This member's account is deactivated: their points are frozen until it is reactivated.";

    public Guid MemberId { get; } = memberId;
}

public static partial class PointsLedger
{
    /// <summary>
    /// SQL true when the account <paramref name="member"/> (a column or parameter) is a deactivated member's.
    /// Accounts that are not members (points_accounts) have no user row and are never frozen.
    /// </summary>
    internal static string FrozenSql(string member) =>
        $"EXISTS (SELECT 1 FROM users u WHERE u.id = {member} AND u.deactivated_at IS NOT NULL)";

    /// <summary>Throws <see cref="PointsFrozenException"/> when one of <paramref name="members"/> is deactivated.</summary>
    private static async Task RefuseFrozenAsync(IClubDb db, Guid[] members, CancellationToken cancellationToken)
    {
        var frozen = await db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM users WHERE id = ANY({members}) AND deactivated_at IS NOT NULL LIMIT 1")
            .ToListAsync(cancellationToken);
        if (frozen.Count > 0)
        {
            throw new PointsFrozenException(frozen[0]);
        }
    }
}
