using System.Globalization;
using Club.Domain.Points;

namespace Club.Web.Components.Pages.Activities;

/// <summary>Reading the points typed in the activity forms (their dates are the club's days: <see cref="ClubTime"/>).</summary>
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
}
