using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Partners;
using Club.Application.Validation;
using Club.Domain.Activities;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>
/// Creates a survey (Id null) or edits its title, audience, dates and points. A partner manager
/// (<see cref="PartnerManagerId"/>) saves only surveys of their own partner's buyers: the audience and the
/// partner are set here from the manager's record, whatever the form said.
/// </summary>
public sealed record SaveSurveyCommand(
    int? Id, string EditedBy, string? Title, string? Description, SurveyTarget Target, string? PartnerName, int? DaysAfterItem,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, int Points) : ICommand<SaveSurveyResult>
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed record SaveSurveyResult(int? SurveyId, UserMessage? Error) : IFailable<SaveSurveyResult>
{
    public bool Succeeded => Error is null;

    public static SaveSurveyResult Invalid(IReadOnlyList<FieldFailure> failures) => new(null, failures[0].Message);
}

public sealed class SaveSurveyValidator : CommandValidator<SaveSurveyCommand>
{
    public SaveSurveyValidator()
    {
        RuleFor(c => c.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithKey("Enter a title.");
        RuleFor(c => c).Must(c => c.Title!.Trim().Length <= Survey.MaxTitleLength && (c.Description?.Trim().Length ?? 0) <= Survey.MaxDescriptionLength)
            .WithKey("The text is too long.");
        RuleFor(c => c.ClosesAt).Must((c, closes) => closes > c.OpensAt).WithKey("The survey must close after it opens.");
        RuleFor(c => c.Points).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Target).IsInEnum().WithKey("Choose who the survey is for.");
        RuleFor(c => c.DaysAfterItem).Must(days => days is >= 0 and <= Survey.MaxDaysAfterItem)
            .When(c => c.Target == SurveyTarget.BuyersAfterItem)
            .WithKey("Enter the number of days after registering an item ({0} to {1}).", 0, Survey.MaxDaysAfterItem);
    }
}

public sealed class SaveSurveyHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SaveSurveyCommand, SaveSurveyResult>
{
    public async ValueTask<SaveSurveyResult> Handle(SaveSurveyCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var target = command.Target;
        int? partnerId = null;
        int? managersPartner = null;
        if (command.PartnerManagerId is { } manager)
        {
            managersPartner = (await ManagedPartner.OfAsync(db, manager, cancellationToken)).Id;
            (target, partnerId) = (SurveyTarget.PartnerBuyers, managersPartner);
        }
        else if (target is SurveyTarget.PartnerPeople or SurveyTarget.PartnerBuyers)
        {
            partnerId = await db.Partners.Where(p => p.Name == command.PartnerName).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (partnerId is null)
            {
                return new(null, "Choose the partner.");
            }
        }

        Survey? survey;
        object? before = null;
        if (command.Id is { } id)
        {
            survey = await db.Surveys.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (managersPartner is { } own && (survey is null || survey.PartnerId != own || survey.Target != SurveyTarget.PartnerBuyers))
            {
                throw new NotFoundException(SurveyScope.NotYours);
            }

            if (survey is null)
            {
                return new(null, "This survey does not exist.");
            }

            before = Snapshot(survey);
        }
        else
        {
            survey = new Survey { Title = title, CreatedBy = Trim200(command.EditedBy), CreatedAt = clock.GetUtcNow() };
            db.Surveys.Add(survey);
        }

        if (target == SurveyTarget.PartnerBuyers && command.Points > 0)
        {
            return new(null, SurveyScope.PartnerSurveyPaysNoPoints);
        }

        survey.Title = title;
        survey.Description = description;
        survey.Target = target;
        survey.PartnerId = partnerId;
        survey.DaysAfterItem = target == SurveyTarget.BuyersAfterItem ? command.DaysAfterItem : null;
        survey.OpensAt = command.OpensAt;
        survey.ClosesAt = command.ClosesAt;
        survey.Points = command.Points;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // A new survey's id exists only after the insert; the row follows in the same transaction.
        await audit.RecordAsync(new AuditChange(before is null ? "survey.create" : "survey.update", "survey",
            survey.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(survey)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(survey.Id, null);
    }

    private static object Snapshot(Survey s) => new { s.Title, s.Description, s.Target, s.PartnerId, s.DaysAfterItem, s.OpensAt, s.ClosesAt, s.Points };

    private static string Trim200(string text) => text.Length <= 200 ? text : text[..200];
}
