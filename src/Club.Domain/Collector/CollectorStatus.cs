namespace Club.Domain.Collector;

/// <summary>
/// The one row of the hidden "Collector" status rules, edited by a program manager: the yearly value of
/// registered items that earns it and what it gives. Read where it is applied, so a change holds at once.
/// </summary>
public sealed class CollectorSettings
{
    public const int SingletonId = 1;
    public const decimal DefaultThreshold = 12_000m;
    public const decimal MaxThreshold = 100_000_000m;

    /// <summary>A typo must not pay ten times: the highest registration multiplier a manager may set.</summary>
    public const decimal MaxMultiplier = 5m;

    public const int MaxNameLength = 60;
    public const int MaxCoupons = 3;
    public const int MaxCouponPercent = 90;

    public int Id { get; set; } = SingletonId;

    /// <summary>Off: nobody is granted the status any more; statuses already granted keep their benefits.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sum of the recommended prices of the items a member registered in a calendar year that earns the status.</summary>
    public decimal Threshold { get; set; } = DefaultThreshold;

    /// <summary>Multiplies the points of the holder's item registrations (1 = no extra points).</summary>
    public decimal Multiplier { get; set; } = 1.5m;

    /// <summary>The personal coupons' discounts in order of use, e.g. [24, 6]: −24 % on the next purchase, then −6 %.</summary>
    public int[] CouponPercents { get; set; } = [24, 6];

    /// <summary>The status's name as its holder sees it.</summary>
    public string Name { get; set; } = "Коллекционер";

    public string NameEn { get; set; } = "Collector";

    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>How a member came by the status for a year.</summary>
public enum CollectorGrant
{
    /// <summary>The 1 January job: the previous calendar year's registrations reached the threshold.</summary>
    PreviousYear = 0,

    /// <summary>A registration during the year took the current year's value over the threshold.</summary>
    Registration = 1,
}

/// <summary>
/// A member holds the hidden status for one calendar year (in the club's time zone), between
/// <see cref="ValidFrom"/> and <see cref="ValidUntil"/>. Its benefits apply only once the member has
/// opened them (<see cref="OpenedAt"/>): the status is activated by use.
/// </summary>
public sealed class CollectorStatus
{
    public Guid MemberId { get; set; }
    public int Year { get; set; }

    /// <summary>Midnight of 1 January of <see cref="Year"/> in the club's time zone.</summary>
    public DateTimeOffset ValidFrom { get; set; }

    /// <summary>Midnight of 1 January of the next year in the club's time zone.</summary>
    public DateTimeOffset ValidUntil { get; set; }

    /// <summary>The value of registered items that earned it (the previous year's or the current year's, by <see cref="Source"/>).</summary>
    public decimal Value { get; set; }

    public CollectorGrant Source { get; set; }
    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>When the member first opened the benefits; null: not activated yet.</summary>
    public DateTimeOffset? OpenedAt { get; set; }
}

/// <summary>
/// A personal discount coupon of a status year, shown as a code the shop checks and redeems once. A
/// holder's coupons are used in <see cref="Position"/> order: the second is valid after the first is redeemed.
/// </summary>
public sealed class CollectorCoupon
{
    public const int CodeLength = 12;

    public int Id { get; set; }
    public Guid MemberId { get; set; }
    public int Year { get; set; }
    public int Position { get; set; }
    public int Percent { get; set; }

    /// <summary>"COL-" and 8 random Crockford symbols, unique.</summary>
    public required string Code { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ValidUntil { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }

    /// <summary>The partner whose shop redeemed it.</summary>
    public int? RedeemedPartnerId { get; set; }

    /// <summary>The member of partner staff who redeemed it on the page; null through the API.</summary>
    public Guid? RedeemedBy { get; set; }

    /// <summary>The API key that redeemed it; null on the page.</summary>
    public int? RedeemedApiKeyId { get; set; }
}
