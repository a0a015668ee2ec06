namespace Club.Domain.Points;

/// <summary>
/// An account's current points, kept in the same transaction as each entry so reading a balance is one
/// row; a check constraint keeps it from going below zero, so an overspend fails as a whole. A reversal
/// that takes back more than the balance holds leaves the rest as <see cref="Debt"/>, which later
/// credits settle first. Per account: sum of entries = Balance - Debt, and Balance = sum of open lots.
/// </summary>
public sealed class PointsBalance
{
    /// <summary>The account id: a member's id, or a <see cref="PointsAccount"/>'s id.</summary>
    public Guid MemberId { get; set; }

    public PointsAccountKind AccountKind { get; set; }
    public int Balance { get; set; }

    /// <summary>Points reversed beyond the balance and not yet settled by later credits; never negative.</summary>
    public int Debt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
