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
}
