namespace Club.Domain.Points;

/// <summary>
/// The one row of the program's time rules, edited by a program manager on the points rules page: how
/// long earned points last, how early members are reminded of points about to expire, and how long a
/// changed birthday waits before it pays. Read where it is applied (the ledger reads the lifetime in the
/// statement that writes the lot), so a change holds on every node at once.
/// </summary>
public sealed class PointsPolicy
{
    public const int SingletonId = 1;
    public const int MaxLifetimeMonths = 120;
    public const int MaxExpiryReminderDays = 90;
    public const int MaxBirthdayQuietDays = 366;

    public int Id { get; set; } = SingletonId;

    /// <summary>Months from earning until points expire; 0 = never. Points already earned keep their date.</summary>
    public int LifetimeMonths { get; set; } = PointsLot.DefaultLifetimeMonths;

    /// <summary>How many days before points expire the member gets a reminder mail; 0 = no reminders.</summary>
    public int ExpiryReminderDays { get; set; } = 10;

    /// <summary>A birthday changed within this many days pays nothing (no moving it to today for points).</summary>
    public int BirthdayQuietDays { get; set; } = 30;

    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
