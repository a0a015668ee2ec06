using Club.Application.Abstractions;
using Club.Application.Features.Surveys;
using Club.Domain.Activities;
using Club.Web.Components.Pages.Activities;

namespace Club.Web.Components.Pages.Surveys;

/// <summary>
/// The survey header as typed (bound as "Survey.*" by the creating and the editing page), shown again
/// when refused. Only the format of dates and numbers is read here; the rules are SaveSurveyValidator's.
/// </summary>
public sealed class SurveyFields
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Target { get; set; }
    public string? Partner { get; set; }
    public string? Days { get; set; }
    public string? Opens { get; set; }
    public string? Closes { get; set; }
    public string? Points { get; set; }

    public static SurveyFields From(SurveyDetail? current, ClubTime clock) => current is null ? new() : new()
    {
        Title = current.Survey.Title,
        Description = current.Description,
        Target = current.Survey.Target.ToString(),
        Partner = current.Survey.PartnerName,
        Days = FormNumbers.Text(current.Survey.DaysAfterItem),
        Opens = clock.DayValue(current.Survey.OpensAt),
        Closes = clock.DayValue(current.Survey.ClosesAt, endOfDay: true),
        Points = FormNumbers.Text(current.Survey.Points),
    };

    /// <summary>The header as a command, or the message saying what cannot be read.</summary>
    public UserMessage? Read(int? id, string editedBy, ClubTime clock, out SaveSurveyCommand? command)
    {
        command = null;
        if (!Enum.TryParse<SurveyTarget>(Target, out var target) || !Enum.IsDefined(target))
        {
            return "Choose who the survey is for.";
        }

        if (!clock.TryDay(Opens, false, out var opens) || !clock.TryDay(Closes, true, out var closes))
        {
            return "Enter the dates.";
        }

        if (!ActivityForms.TryPoints(Points, out var points))
        {
            return ActivityForms.PointsError;
        }

        int? days = null;
        if (target == SurveyTarget.BuyersAfterItem)
        {
            if (!ActivityForms.TryPoints(Days, out var d) || string.IsNullOrWhiteSpace(Days))
            {
                return "Enter the number of days after registering an item (0 to 3650).";
            }

            days = d;
        }

        command = new SaveSurveyCommand(id, editedBy, Title, Description, target, Partner, days, opens, closes, points);
        return null;
    }
}
