using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Activities;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>Adds a question at the end of a survey that nobody has answered yet.</summary>
public sealed record AddSurveyQuestionCommand(int SurveyId, string? Text, QuestionKind Kind, bool IsRequired, string? Options, bool AboutSeller)
    : ICommand<Result>, ISurveyEdit
{
    public Guid? PartnerManagerId { get; init; }

    /// <summary>The options as typed, one per line, blank lines left out.</summary>
    public IReadOnlyList<string> OptionLines =>
        (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(o => o.Length > 0).ToList();

    public bool IsChoice => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
}

public sealed class AddSurveyQuestionValidator : CommandValidator<AddSurveyQuestionCommand>
{
    public AddSurveyQuestionValidator()
    {
        RuleFor(c => c.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithKey("Enter the question.")
            .Must(t => t!.Trim().Length <= SurveyQuestion.MaxTextLength).WithKey("The text is too long.");
        RuleFor(c => c.Kind).IsInEnum().WithKey("Choose the kind of question.");
        RuleFor(c => c.OptionLines).Must(o => o.Count >= 2).When(c => c.IsChoice)
            .WithKey("A choice question needs at least two options, one per line.");
        RuleFor(c => c.OptionLines).Must(o => o.Count <= SurveyQuestion.MaxOptions && o.All(option => option.Length <= SurveyQuestion.MaxOptionLength))
            .WithKey("Too many or too long options.");
        RuleFor(c => c.AboutSeller).Must((c, aboutSeller) => !aboutSeller || c.Kind == QuestionKind.Rating)
            .WithKey("Only a rating question can be about the seller.");
    }
}

/// <summary>Removes a question from a survey that nobody has answered yet.</summary>
public sealed record RemoveSurveyQuestionCommand(int SurveyId, int QuestionId) : ICommand<Result>, ISurveyEdit
{
    public Guid? PartnerManagerId { get; init; }
}

/// <summary>Adds and removes survey questions; each change is logged as <c>survey-question.create</c> or <c>.remove</c>.</summary>
public sealed class EditSurveyQuestionsHandler(IClubDbFactory dbFactory, IAuditTrail audit)
    : ICommandHandler<AddSurveyQuestionCommand, Result>, ICommandHandler<RemoveSurveyQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(AddSurveyQuestionCommand command, CancellationToken cancellationToken)
    {
        var text = command.Text!.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await EditableAsync(db, command.SurveyId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var positions = await db.SurveyQuestions.Where(q => q.SurveyId == command.SurveyId).Select(q => q.Position).ToListAsync(cancellationToken);
        if (positions.Count >= Survey.MaxQuestions)
        {
            return Result.Fail(new UserMessage("A survey has at most {0} questions.", [Survey.MaxQuestions]));
        }

        var question = new SurveyQuestion
        {
            SurveyId = command.SurveyId,
            Position = positions.Count == 0 ? 1 : positions.Max() + 1,
            Text = text,
            Kind = command.Kind,
            IsRequired = command.IsRequired,
            Options = command.IsChoice ? [.. command.OptionLines] : [],
            AboutSeller = command.AboutSeller,
        };
        db.SurveyQuestions.Add(question);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // The new question's id exists only after the insert; the row follows in the same transaction.
        await audit.RecordAsync(Change("create", question.Id, null, Snapshot(question)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    public async ValueTask<Result> Handle(RemoveSurveyQuestionCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await EditableAsync(db, command.SurveyId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var question = await db.SurveyQuestions
            .FromSql($"SELECT * FROM survey_questions WHERE id = {command.QuestionId} AND survey_id = {command.SurveyId} FOR UPDATE")
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        // Gone already (a double click): nothing changes and nothing is logged.
        if (question is not null)
        {
            await db.SurveyQuestions.Where(q => q.Id == question.Id).ExecuteDeleteAsync(cancellationToken);
            await audit.RecordAsync(Change("remove", question.Id, Snapshot(question), null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return Result.Ok;
    }

    private static AuditChange Change(string verb, int id, object? before, object? after) =>
        new($"survey-question.{verb}", "survey-question", id.ToString(CultureInfo.InvariantCulture), before, after);

    private static object Snapshot(SurveyQuestion q) => new { q.SurveyId, q.Position, q.Text, q.Kind, q.IsRequired, q.Options, q.AboutSeller };

    /// <summary>Questions change only before the first answer, so every stored answer matches its question.</summary>
    private static async Task<Result?> EditableAsync(IClubDb db, int surveyId, CancellationToken cancellationToken)
    {
        if (!await db.Surveys.AnyAsync(s => s.Id == surveyId, cancellationToken))
        {
            return Result.Fail("This survey does not exist.");
        }

        return await db.SurveyResponses.AnyAsync(r => r.SurveyId == surveyId, cancellationToken)
            ? Result.Fail("Members have already answered this survey, so its questions can no longer change.")
            : null;
    }
}
