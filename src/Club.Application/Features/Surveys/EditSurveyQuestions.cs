using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>Adds a question at the end of a survey that nobody has answered yet.</summary>
public sealed record AddSurveyQuestionCommand(int SurveyId, string? Text, QuestionKind Kind, bool IsRequired, string? Options, bool AboutSeller)
    : ICommand<Result>;

/// <summary>Removes a question from a survey that nobody has answered yet.</summary>
public sealed record RemoveSurveyQuestionCommand(int SurveyId, int QuestionId) : ICommand<Result>;

public sealed class EditSurveyQuestionsHandler(IClubDbFactory dbFactory)
    : ICommandHandler<AddSurveyQuestionCommand, Result>, ICommandHandler<RemoveSurveyQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(AddSurveyQuestionCommand command, CancellationToken cancellationToken)
    {
        var text = command.Text?.Trim() ?? "";
        var options = (command.Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(o => o.Length > 0).ToList();
        var choice = command.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
        var error = text.Length == 0 ? "Enter the question."
            : text.Length > SurveyQuestion.MaxTextLength ? "The text is too long."
            : !Enum.IsDefined(command.Kind) ? "Choose the kind of question."
            : choice && options.Count < 2 ? "A choice question needs at least two options, one per line."
            : options.Count > SurveyQuestion.MaxOptions || options.Any(o => o.Length > SurveyQuestion.MaxOptionLength) ? "Too many or too long options."
            : command.AboutSeller && command.Kind != QuestionKind.Rating ? "Only a rating question can be about the seller."
            : null;
        if (error is not null)
        {
            return Result.Fail(error);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await EditableAsync(db, command.SurveyId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var positions = await db.SurveyQuestions.Where(q => q.SurveyId == command.SurveyId).Select(q => q.Position).ToListAsync(cancellationToken);
        if (positions.Count >= Survey.MaxQuestions)
        {
            return Result.Fail("A survey has at most 50 questions.");
        }

        db.SurveyQuestions.Add(new SurveyQuestion
        {
            SurveyId = command.SurveyId,
            Position = positions.Count == 0 ? 1 : positions.Max() + 1,
            Text = text,
            Kind = command.Kind,
            IsRequired = command.IsRequired,
            Options = choice ? options : [],
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
