using System.Globalization;
using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>
/// A member's answers, as posted: for each question id, the submitted values (option indexes for
/// choices, "1".."5" for a rating, the text for free text). Points are not paid here: the scheduled
/// <see cref="PaySurveyRewardsCommand"/> pays completed responses.
/// </summary>
public sealed record SubmitSurveyResponseCommand(Guid MemberId, int SurveyId, IReadOnlyDictionary<int, IReadOnlyList<string>> Answers)
    : ICommand<Result>;

public sealed class SubmitSurveyResponseHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<SubmitSurveyResponseCommand, Result>
{
    public async ValueTask<Result> Handle(SubmitSurveyResponseCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var open = await SurveyTargeting.OpenSurveysForAsync(db, command.MemberId, now, cancellationToken);
        if (!open.Contains(command.SurveyId))
        {
            return Result.Fail("This survey is not open to you.");
        }

        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == command.SurveyId)
            .OrderBy(q => q.Position).ToListAsync(cancellationToken);
        var answers = new List<SurveyAnswer>();
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        foreach (var question in questions)
        {
            var values = command.Answers.TryGetValue(question.Id, out var v) ? v.Where(x => !string.IsNullOrWhiteSpace(x)).ToList() : [];
            var (answer, error) = Read(question, values);
            if (error is not null)
            {
                errors.Add(new MessageResult(error, $"q{question.Id}"));
            }
            else if (answer is not null)
            {
                answers.Add(answer);
            }
        }

        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        if (questions.Any(q => q.AboutSeller))
        {
            var seller = await SellerOfLatestItemAsync(db, command.MemberId, cancellationToken);
            foreach (var answer in answers.Where(a => questions.Single(q => q.Id == a.QuestionId).AboutSeller))
            {
                answer.SellerId = seller;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The unique (survey, member) row decides: of a double submit one inserts it, the other stops here.
        var inserted = await db.Database.SqlQuery<long>($"""
            INSERT INTO survey_responses (survey_id, member_id, submitted_at) VALUES ({command.SurveyId}, {command.MemberId}, {now})
            ON CONFLICT (survey_id, member_id) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (inserted.Count == 0)
        {
            return Result.Fail("You have already answered this survey.");
        }

        foreach (var answer in answers)
        {
            answer.ResponseId = inserted[0];
        }

        db.SurveyAnswers.AddRange(answers);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>Checks one question's values; returns the answer to store (null when optional and empty) or the message.</summary>
    private static (SurveyAnswer? Answer, UserMessage? Error) Read(SurveyQuestion question, List<string> values)
    {
        if (values.Count == 0)
        {
            return question.IsRequired ? (null, "Please answer this question.") : (null, null);
        }

        var answer = new SurveyAnswer { QuestionId = question.Id };
        switch (question.Kind)
        {
            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                var choices = new List<int>();
                foreach (var value in values.Take(question.Options.Count + 1))
                {
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= question.Options.Count)
                    {
                        return (null, "Choose one of the options.");
                    }

                    choices.Add(index);
                }

                choices = choices.Distinct().Order().ToList();
                if (question.Kind == QuestionKind.SingleChoice && choices.Count != 1)
                {
                    return (null, "Choose one option.");
                }

                answer.Choices = choices;
                break;
            case QuestionKind.Rating:
                if (values.Count != 1 || !short.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rating) || rating is < 1 or > 5)
                {
                    return (null, "Give a rating from 1 to 5.");
                }

                answer.Rating = rating;
                break;
            default:
                var text = values.Count == 1 ? values[0].Trim() : "";
                if (text.Length > SurveyAnswer.MaxTextLength || values.Count != 1)
                {
                    return (null, new UserMessage("The answer is too long ({0:N0} characters at most).", [SurveyAnswer.MaxTextLength]));
                }

                // Control characters other than line breaks have no place in an answer and break exports.
                answer.Text = new string(text.Where(c => !char.IsControl(c) || c is '\n' or '\r').ToArray());
                break;
        }

        return (answer, null);
    }

    /// <summary>The seller who recorded the sale of the buyer's most recently registered item, if any.</summary>
    private static async Task<Guid?> SellerOfLatestItemAsync(IClubDb db, Guid buyer, CancellationToken cancellationToken) =>
        await (from t in db.Tags
               join s in db.Sales on t.Id equals s.TagId
               where t.OwnerMemberId == buyer
               orderby t.RegisteredAt descending
               select (Guid?)s.SellerId).FirstOrDefaultAsync(cancellationToken);
}
