using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>
/// A survey's results question by question: how many chose each option (choice questions), gave each
/// rating from 1 to 5 (rating questions, with the average), or wrote an answer (free text: the texts are
/// in the CSV).
/// </summary>
public sealed record GetSurveyResultsQuery(int SurveyId) : IQuery<IReadOnlyList<QuestionResult>>, ISurveyEdit
{
    public Guid? PartnerManagerId { get; init; }
}

/// <summary>One question's counts: <paramref name="Counts"/> per option, or per rating 1 to 5; empty for free text.</summary>
public sealed record QuestionResult(int QuestionId, string Text, QuestionKind Kind, int Answered, IReadOnlyList<AnswerCount> Counts, double? AverageRating);

public sealed record AnswerCount(string Answer, int Count);

public sealed class GetSurveyResultsHandler(IClubDbFactory dbFactory) : IQueryHandler<GetSurveyResultsQuery, IReadOnlyList<QuestionResult>>
{
    public async ValueTask<IReadOnlyList<QuestionResult>> Handle(GetSurveyResultsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == query.SurveyId).OrderBy(q => q.Position).ToListAsync(cancellationToken);
        var answers = db.SurveyAnswers.Where(a => db.SurveyQuestions.Any(q => q.Id == a.QuestionId && q.SurveyId == query.SurveyId));
        var answered = await answers.GroupBy(a => a.QuestionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var choices = (await answers.Where(a => a.Choices.Count > 0).Select(a => new { a.QuestionId, a.Choices }).ToListAsync(cancellationToken))
            .SelectMany(a => a.Choices.Select(choice => (a.QuestionId, Choice: choice)))
            .CountBy(c => c).ToDictionary(c => c.Key, c => c.Value);
        var ratings = await answers.Where(a => a.Rating != null).GroupBy(a => new { a.QuestionId, a.Rating })
            .Select(g => new { g.Key.QuestionId, g.Key.Rating, Count = g.Count() }).ToListAsync(cancellationToken);

        return questions.Select(q =>
        {
            var count = answered.GetValueOrDefault(q.Id);
            return q.Kind switch
            {
                QuestionKind.SingleChoice or QuestionKind.MultipleChoice => new QuestionResult(q.Id, q.Text, q.Kind, count,
                    q.Options.Select((option, i) => new AnswerCount(option, choices.GetValueOrDefault((q.Id, i)))).ToList(), null),
                QuestionKind.Rating => Rating(q, count, ratings.Where(r => r.QuestionId == q.Id).ToDictionary(r => (int)r.Rating!.Value, r => r.Count)),
                _ => new QuestionResult(q.Id, q.Text, q.Kind, count, [], null),
            };
        }).ToList();
    }

    private static QuestionResult Rating(SurveyQuestion question, int answered, Dictionary<int, int> perRating)
    {
        var rated = perRating.Values.Sum();
        double? average = rated == 0 ? null : Math.Round(perRating.Sum(r => r.Key * (double)r.Value) / rated, 2);
        var counts = Enumerable.Range(1, 5).Select(r => new AnswerCount(r.ToString(System.Globalization.CultureInfo.InvariantCulture), perRating.GetValueOrDefault(r))).ToList();
        return new QuestionResult(question.Id, question.Text, question.Kind, answered, counts, average);
    }
}
