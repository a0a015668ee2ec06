using Club.Domain.Points;

namespace Club.Application.Features.Points;

/// <summary>
/// Points settings from configuration (Club:Points), plus the time zone the jobs count days in
/// (Club:Jobs:TimeZone): "today" for a birthday is the brand's day, not the server's UTC day.
/// </summary>
public sealed class PointsSettings
{
    public const string Section = "Club:Points";

    /// <summary>Months from earning until points expire; 0 = never.</summary>
    public int LifetimeMonths { get; set; } = PointsLot.DefaultLifetimeMonths;

    /// <summary>How many days before points expire the member gets a reminder mail.</summary>
    public int ExpiryReminderDays { get; set; } = 10;

    /// <summary>A birthday changed within this many days pays nothing (no setting it to today for points).</summary>
    public int BirthdayChangeQuietDays { get; set; } = 30;

    /// <summary>
    /// How many past days a birthday run also pays, so a run that misfired past midnight (every node down)
    /// still pays yesterday's birthdays; the yearly key keeps it to once.
    /// </summary>
    public int BirthdayCatchUpDays { get; set; } = 1;

    /// <summary>
    /// Members (birthdays) or due lots (expiry) per transaction of the daily jobs: small enough that a
    /// member's order never waits long behind the job, large enough that a range is one efficient statement.
    /// </summary>
    public int JobBatchSize { get; set; } = 50_000;

    /// <summary>How many ranges of a daily job run at once, each on its own connection (one per core is plenty).</summary>
    public int JobParallelism { get; set; } = 2;

    public string TimeZone { get; set; } = "Europe/Moscow";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The brand's calendar day at <paramref name="now"/>.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
}
