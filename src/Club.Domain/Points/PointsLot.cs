namespace Club.Domain.Points;

/// <summary>
/// Points earned by one credit entry, with the date they expire. Spending will consume the oldest
/// lots first and the expiry job will take back what remains of a lot past its date.
/// </summary>
public sealed class PointsLot
{
    /// <summary>How long earned points last unless a rule says otherwise.</summary>
    public const int DefaultLifetimeMonths = 12;

    /// <summary>The credit entry that earned the lot (one lot per credit).</summary>
    public long EntryId { get; set; }

    public Guid MemberId { get; set; }
    public int Amount { get; set; }
    public int Remaining { get; set; }
    public DateTimeOffset EarnedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public static DateTimeOffset ExpiryFor(DateTimeOffset earnedAt) => earnedAt.AddMonths(DefaultLifetimeMonths);
}
