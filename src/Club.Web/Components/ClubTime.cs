using System.Globalization;
using Club.Application.Features.Points;

namespace Club.Web.Components;

/// <summary>
/// Shows a moment in the club's time zone (Club:Jobs:TimeZone), whatever zone the server runs in:
/// "paused until 21:05" must mean the buyer's 21:05, not the server's.
/// </summary>
public sealed class ClubTime(PointsSettings settings)
{
    public string DateAndTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, settings.Zone).ToString("g", CultureInfo.CurrentCulture);

    public string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, settings.Zone).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The moment a day typed in a form ends in the club's time zone ("valid until 31.12" includes the 31st).</summary>
    public DateTimeOffset EndOf(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, settings.Zone.GetUtcOffset(midnight));
    }
}
