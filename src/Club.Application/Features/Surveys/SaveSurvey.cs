using Club.Application.Abstractions;
using Club.Domain.Activities;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>Creates a survey (Id null) or edits its title, audience, dates and points.</summary>
public sealed record SaveSurveyCommand(
    int? Id, string EditedBy, string? Title, string? Description, SurveyTarget Target, string? PartnerName, int? DaysAfterItem,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, int Points) : ICommand<SaveSurveyResult>;

public sealed record SaveSurveyResult(int? SurveyId, string? Error)
{
    public bool Succeeded => Error is null;
}

public sealed class SaveSurveyHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<SaveSurveyCommand, SaveSurveyResult>
{
    public async ValueTask<SaveSurveyResult> Handle(SaveSurveyCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim();
        var error = title.Length == 0 ? "Enter a title."
            : title.Length > Survey.MaxTitleLength || description?.Length > Survey.MaxDescriptionLength ? "The text is too long."
            : command.ClosesAt <= command.OpensAt ? "The survey must close after it opens."
            : command.Points is < 0 or > PointsRule.MaxPoints ? "Points must be whole numbers from 0 to 100,000."
            : !Enum.IsDefined(command.Target) ? "Choose who the survey is for."
            : command.Target == SurveyTarget.BuyersAfterItem && command.DaysAfterItem is not (>= 0 and <= 3650) ? "Enter the number of days after registering an item (0 to 3650)."
            : null;
        if (error is not null)
        {
            return new(null, error);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        int? partnerId = null;
        if (command.Target == SurveyTarget.PartnerPeople)
        {
            partnerId = await db.Partners.Where(p => p.Name == command.PartnerName).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (partnerId is null)
            {
                return new(null, "Choose the partner.");
            }
        }

        Survey? survey;
        if (command.Id is { } id)
        {
            survey = await db.Surveys.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (survey is null)
            {
                return new(null, "This survey does not exist.");
            }
        }
        else
        {
            survey = new Survey { Title = title, CreatedBy = Trim200(command.EditedBy), CreatedAt = clock.GetUtcNow() };
            db.Surveys.Add(survey);
        }

        survey.Title = title;
        survey.Description = description;
        survey.Target = command.Target;
        survey.PartnerId = partnerId;
        survey.DaysAfterItem = command.Target == SurveyTarget.BuyersAfterItem ? command.DaysAfterItem : null;
        survey.OpensAt = command.OpensAt;
        survey.ClosesAt = command.ClosesAt;
        survey.Points = command.Points;
        await db.SaveChangesAsync(cancellationToken);
        return new(survey.Id, null);
    }

    private static string Trim200(string text) => text.Length <= 200 ? text : text[..200];
}
