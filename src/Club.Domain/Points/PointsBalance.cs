namespace Club.Domain.Points;

/// <summary>
/// A member's current points, kept in the same transaction as each entry so reading a balance is one
/// row; a check constraint keeps it from going below zero, so an overspend fails as a whole.
/// </summary>
public sealed class PointsBalance
{
    public Guid MemberId { get; set; }
    public int Balance { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
