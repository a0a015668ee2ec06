using System.Globalization;
using Club.Application.Features.Points;

namespace Club.Web.Components;

/// <summary>
/// Shows a moment in the club's time zone (Club:Jobs:TimeZone), whatever zone the server runs in:
/// "paused until 21:05" must mean the buyer's 21:05, not the server's. Days typed in date inputs are the
/// club's days too: a day runs from its 00:00 there to the next day's 00:00 (an end bound is exclusive).
/// </summary>
public sealed class ClubTime(PointsSettings settings, TimeProvider clock)
{
    private const string InputFormat = "yyyy-MM-dd";

    public string DateAndTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, settings.Zone).ToString("g", CultureInfo.CurrentCulture);

    public string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, settings.Zone).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The club's calendar day now.</summary>
    public DateOnly Today() => settings.Today(clock.GetUtcNow());

    /// <summary>The moment a day typed in a form ends in the club's time zone ("valid until 31.12" includes the 31st).</summary>
    public DateTimeOffset EndOf(DateOnly day) => settings.StartOf(day.AddDays(1));

    /// <summary>
    /// A date from an &lt;input type="date"&gt; as the start of that club day; <paramref name="endOfDay"/>
    /// gives the start of the next club day, so "closes on the 30th" includes the whole 30th.
    /// </summary>
    public bool TryDay(string? text, bool endOfDay, out DateTimeOffset at)
    {
        at = default;
        if (text is not { Length: 10 } || !DateOnly.TryParseExact(text, InputFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        at = endOfDay ? EndOf(day) : settings.StartOf(day);
        return true;
    }

    /// <summary>The value for a date input showing <paramref name="at"/>; see <see cref="Day"/> for <paramref name="endOfDay"/>.</summary>
    public string DayValue(DateTimeOffset at, bool endOfDay = false) => ClubDay(at, endOfDay).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// The club day of <paramref name="at"/>; for an exclusive end bound (<paramref name="endOfDay"/>) the last
    /// day it still covers, so a promotion ending at the 5th's midnight reads "until the 4th".
    /// </summary>
    public string Day(DateTimeOffset at, bool endOfDay = false) => ClubDay(at, endOfDay).ToString("d", CultureInfo.CurrentCulture);

    private DateOnly ClubDay(DateTimeOffset at, bool endOfDay) => settings.Today(endOfDay ? at.AddTicks(-1) : at);
}
