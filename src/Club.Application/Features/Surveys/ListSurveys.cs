using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>
/// Every survey for the program manager, newest first, with answer counts; a partner manager
/// (<see cref="PartnerManagerId"/>) gets only the surveys of their partner's buyers.
/// </summary>
public sealed record ListSurveysQuery : IQuery<IReadOnlyList<SurveyRow>>
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed record SurveyRow(
    int Id, string Title, SurveyTarget Target, string? PartnerName, int? DaysAfterItem, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    int Points, int Questions, int Responses);

/// <summary>One survey with its questions, for the manager's editor (and the member's form).</summary>
public sealed record GetSurveyQuery(int SurveyId) : IQuery<SurveyDetail?>, ISurveyEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed record SurveyDetail(SurveyRow Survey, string? Description, int? PartnerId, IReadOnlyList<SurveyQuestion> Questions);

public sealed class ListSurveysHandler(IClubDbFactory dbFactory)
    : IQueryHandler<ListSurveysQuery, IReadOnlyList<SurveyRow>>, IQueryHandler<GetSurveyQuery, SurveyDetail?>
{
    public async ValueTask<IReadOnlyList<SurveyRow>> Handle(ListSurveysQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var surveys = db.Surveys.AsQueryable();
        if (query.PartnerManagerId is { } manager)
        {
            surveys = surveys.OfPartner((await ManagedPartner.OfAsync(db, manager, cancellationToken)).Id);
        }

        return await Rows(db, surveys.OrderByDescending(s => s.Id).Take(500)).ToListAsync(cancellationToken);
    }

    public async ValueTask<SurveyDetail?> Handle(GetSurveyQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var row = await Rows(db, db.Surveys.Where(s => s.Id == query.SurveyId)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var survey = await db.Surveys.AsNoTracking().Where(s => s.Id == query.SurveyId).Select(s => new { s.Description, s.PartnerId }).SingleAsync(cancellationToken);
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == query.SurveyId)
            .OrderBy(q => q.Position).ToListAsync(cancellationToken);
        return new SurveyDetail(row, survey.Description, survey.PartnerId, questions);
    }

    private static IQueryable<SurveyRow> Rows(IClubDb db, IQueryable<Survey> surveys) =>
        surveys.AsNoTracking().Select(s => new SurveyRow(
            s.Id, s.Title, s.Target,
            db.Partners.Where(p => p.Id == s.PartnerId).Select(p => p.Name).FirstOrDefault(),
            s.DaysAfterItem, s.OpensAt, s.ClosesAt, s.Points,
            db.SurveyQuestions.Count(q => q.SurveyId == s.Id),
            db.SurveyResponses.Count(r => r.SurveyId == s.Id)));
}
