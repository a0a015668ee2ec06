using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>A survey as a member sees it: null when it is not open to them (wrong audience, closed, unknown).</summary>
public sealed record GetSurveyToAnswerQuery(Guid MemberId, int SurveyId) : IQuery<SurveyToAnswer?>;

public sealed record SurveyToAnswer(int Id, string Title, string? Description, int Points, DateTimeOffset ClosesAt, bool Answered, IReadOnlyList<SurveyQuestion> Questions);

public sealed class GetSurveyToAnswerHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<GetSurveyToAnswerQuery, SurveyToAnswer?>
{
    public async ValueTask<SurveyToAnswer?> Handle(GetSurveyToAnswerQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var open = await SurveyTargeting.OpenSurveysForAsync(db, query.MemberId, clock.GetUtcNow(), cancellationToken);
        if (!open.Contains(query.SurveyId))
        {
            return null;
        }

        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).SingleAsync(s => s.Id == query.SurveyId, cancellationToken);
        var answered = await db.SurveyResponses.AnyAsync(r => r.SurveyId == query.SurveyId && r.MemberId == query.MemberId, cancellationToken);
        return new SurveyToAnswer(survey.Id, survey.Title, survey.Description, survey.Points, survey.ClosesAt, answered,
            survey.Questions.OrderBy(q => q.Position).ToList());
    }
}
