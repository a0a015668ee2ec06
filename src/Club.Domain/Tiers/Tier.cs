namespace Club.Domain.Tiers;

/// <summary>What a member's tier is measured by over the rolling 12 months; stored by name, so never rename a member.</summary>
public enum TierMeasure
{
    /// <summary>Points earned: credits for items, sales, activities and bonuses, less what was taken back (spending, expiry and gifts do not count).</summary>
    PointsEarned = 0,

    /// <summary>Items registered and still owned.</summary>
    ItemsRegistered = 1,
}

/// <summary>The one row of the tier programme's settings: what the thresholds count.</summary>
public sealed class TierSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public TierMeasure Measure { get; set; } = TierMeasure.PointsEarned;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// A public tier of the ladder a program manager edits: a member whose figure over the rolling 12 months
/// reaches <see cref="Threshold"/> holds the highest such tier. Tiers are numbered 1, 2, 3... by
/// <see cref="Level"/>, thresholds rising with it; a member's tier is stored as its level.
/// </summary>
public sealed class Tier
{
    public const int MaxTiers = 5;
    public const int MaxNameLength = 60;
    public const int MaxThreshold = 10_000_000;

    /// <summary>A typo must not pay ten times: the highest registration multiplier a manager may set.</summary>
    public const decimal MaxMultiplier = 5m;

    public int Level { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }

    /// <summary>Points earned or items registered (by <see cref="TierSettings.Measure"/>) in the rolling 12 months.</summary>
    public int Threshold { get; set; }

    /// <summary>Multiplies the points of the member's item registrations (1 = no extra points).</summary>
    public decimal Multiplier { get; set; } = 1m;
}

/// <summary>
/// A member's tier as the TierEvaluation job last set it. Level 0: no tier (a member who lost theirs keeps
/// the row). <see cref="DowngradeOn"/>: the club day the figure falls below the tier's threshold if nothing
/// new is earned; <see cref="WarnedFor"/>: the downgrade day the member was mailed about (once per day).
/// </summary>
public sealed class MemberTier
{
    public Guid MemberId { get; set; }
    public int Level { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateOnly? DowngradeOn { get; set; }
    public DateOnly? WarnedFor { get; set; }
}

/// <summary>One change of a member's tier (0: none), written by the job with the figure that caused it.</summary>
public sealed class MemberTierChange
{
    public long Id { get; set; }
    public Guid MemberId { get; set; }
    public int FromLevel { get; set; }
    public int ToLevel { get; set; }
    public int Figure { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
