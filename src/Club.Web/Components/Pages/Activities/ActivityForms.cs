using System.Globalization;
using Club.Domain.Points;

namespace Club.Web.Components.Pages.Activities;

/// <summary>Reading the plain values of the activity forms: points, days and dates.</summary>
internal static class ActivityForms
{
    public const string PointsError = "Points must be whole numbers from 0 to 100,000.";

    /// <summary>Empty is 0; anything but a whole number from 0 to the rule limit is refused.</summary>
    public static bool TryPoints(string? text, out int points)
    {
        points = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        return text.Length <= 7 && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out points) && points <= PointsRule.MaxPoints;
    }

    /// <summary>
    /// A date from an &lt;input type="date"&gt; as the start of that day in UTC; <paramref name="endOfDay"/>
    /// gives the start of the next day, so "closes on the 30th" includes the 30th.
    /// </summary>
    public static bool TryDay(string? text, bool endOfDay, out DateTimeOffset at)
    {
        at = default;
        if (text is not { Length: 10 } || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
        return true;
    }

    /// <summary>The value for a date input showing <paramref name="at"/> (the day before, for an end-of-day bound).</summary>
    public static string DayValue(DateTimeOffset at, bool endOfDay = false) =>
        at.UtcDateTime.AddDays(endOfDay ? -1 : 0).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at, bool endOfDay = false) =>
        DateOnly.FromDateTime(at.UtcDateTime.AddDays(endOfDay ? -1 : 0)).ToString("d", CultureInfo.CurrentCulture);
}
