using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>Every course, with counts, for the program managers' list.</summary>
public sealed record ListCoursesQuery : IQuery<IReadOnlyList<CourseRow>>;

public sealed record CourseRow(int Id, string Title, bool Published, int Lessons, int Questions, int Completed, int Passed);

public sealed class ListCoursesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListCoursesQuery, IReadOnlyList<CourseRow>>
{
    public async ValueTask<IReadOnlyList<CourseRow>> Handle(ListCoursesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Courses
            .OrderBy(c => c.Title)
            .Select(c => new CourseRow(
                c.Id, c.Title, c.Published,
                db.Lessons.Count(l => l.CourseId == c.Id),
                db.Questions.Count(q => q.CourseId == c.Id && q.RemovedAt == null),
                db.CourseCompletions.Count(x => x.CourseId == c.Id),
                db.TestAttempts.Where(a => a.CourseId == c.Id && a.Passed == true).Select(a => a.MemberId).Distinct().Count()))
            .ToListAsync(cancellationToken);
    }
}
