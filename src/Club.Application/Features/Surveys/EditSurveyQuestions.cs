using Club.Application.Abstractions;
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

public sealed class EditSurveyQuestionsHandler(IClubDbFactory dbFactory)
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

        db.SurveyQuestions.Add(new SurveyQuestion
        {
            SurveyId = command.SurveyId,
            Position = positions.Count == 0 ? 1 : positions.Max() + 1,
            Text = text,
            Kind = command.Kind,
            IsRequired = command.IsRequired,
            Options = command.IsChoice ? [.. command.OptionLines] : [],
            AboutSeller = command.AboutSeller,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    public async ValueTask<Result> Handle(RemoveSurveyQuestionCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await EditableAsync(db, command.SurveyId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await db.SurveyQuestions.Where(q => q.SurveyId == command.SurveyId && q.Id == command.QuestionId).ExecuteDeleteAsync(cancellationToken);
        return Result.Ok;
    }

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
