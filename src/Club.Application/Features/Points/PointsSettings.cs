using Club.Domain.Points;

namespace Club.Application.Features.Points;

/// <summary>
/// How the points jobs run, from configuration (Club:Points); the rules a program manager edits (the
/// points lifetime, reminder and birthday quiet days) are in <see cref="PointsPolicy"/>. Plus the time zone the jobs count days in
/// (Club:Jobs:TimeZone): "today" for a birthday is the brand's day, not the server's UTC day.
/// </summary>
public sealed class PointsSettings
{
    public const string Section = "Club:Points";

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

    /// <summary>
    /// Points (either way) up to which a program manager's correction is posted at once; a larger one
    /// waits for an Admin's approval. Admins' own corrections are posted at once.
    /// </summary>
    public int AdjustmentApprovalLimit { get; set; } = 1_000;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The brand's calendar day at <paramref name="now"/>.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>
    /// The first moment (UTC) of <paramref name="day"/> in the club's time zone: a day typed in a form or a
    /// report range is the brand's day, so "from 4 December" starts at 00:00 Moscow time, not 03:00.
    /// </summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
