using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// Every course, with counts, for the program managers' list; a partner manager
/// (<see cref="PartnerManagerId"/>) gets their partner's courses only.
/// </summary>
public sealed record ListCoursesQuery : IQuery<IReadOnlyList<CourseRow>>
{
    public Guid? PartnerManagerId { get; init; }
}

/// <summary>A course's line; <paramref name="PartnerName"/> names the partner of a partner's course.</summary>
public sealed record CourseRow(int Id, string Title, bool Published, int Lessons, int Questions, int Completed, int Passed, string? PartnerName = null);

public sealed class ListCoursesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListCoursesQuery, IReadOnlyList<CourseRow>>
{
    public async ValueTask<IReadOnlyList<CourseRow>> Handle(ListCoursesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await CourseScope.EditorPartnerAsync(db, query.PartnerManagerId, cancellationToken);
        return await db.Courses
            .Where(c => partner == null || c.PartnerId == partner)
            .OrderBy(c => c.Title)
            .Select(c => new CourseRow(
                c.Id, c.Title, c.Published,
                db.Lessons.Count(l => l.CourseId == c.Id),
                db.Questions.Count(q => q.CourseId == c.Id && q.RemovedAt == null),
                db.CourseCompletions.Count(x => x.CourseId == c.Id),
                db.TestAttempts.Where(a => a.CourseId == c.Id && a.Passed == true).Select(a => a.MemberId).Distinct().Count(),
                db.Partners.Where(p => p.Id == c.PartnerId).Select(p => p.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }
}
