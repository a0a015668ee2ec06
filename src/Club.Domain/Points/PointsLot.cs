namespace Club.Domain.Points;

/// <summary>
/// Points earned by one credit entry, with the date they expire. Spending will consume the oldest
/// lots first and the expiry job will take back what remains of a lot past its date.
/// </summary>
public sealed class PointsLot
{
    /// <summary>How long earned points last until a program manager sets otherwise (<see cref="PointsPolicy"/>).</summary>
    public const int DefaultLifetimeMonths = 12;

    /// <summary>The expiry of points that never expire (lifetime 0): a real date, so the column stays NOT NULL and indexable.</summary>
    public static readonly DateTimeOffset Never = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The credit entry that earned the lot (one lot per credit).</summary>
    public long EntryId { get; set; }

    public Guid MemberId { get; set; }
    public int Amount { get; set; }
    public int Remaining { get; set; }
    public DateTimeOffset EarnedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The partner whose item or sale earned the lot, if any: what the program owes, reported by partner.</summary>
    public int? PartnerId { get; set; }

    /// <summary>The tag batch of the item that earned the lot, if any.</summary>
    public int? BatchId { get; set; }
}
