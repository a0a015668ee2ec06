using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>The published courses the seller may read (the brand's and their partner's), with the seller's progress: lessons read, completion, test result.</summary>
public sealed record ListMyCoursesQuery(Guid MemberId) : IQuery<IReadOnlyList<MyCourseRow>>;

public sealed record MyCourseRow(
    int Id, string Title, string Summary, int Lessons, int LessonsRead, bool Completed, bool HasTest, bool Passed,
    int AttemptsUsed, int MaxAttempts, int? BestPercent, int CompletionPoints, int TestPoints);

public sealed class ListMyCoursesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListMyCoursesQuery, IReadOnlyList<MyCourseRow>>
{
    public async ValueTask<IReadOnlyList<MyCourseRow>> Handle(ListMyCoursesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var member = query.MemberId;
        return await db.Courses
            .VisibleTo(db, member)
            .OrderBy(c => c.Title)
            .Select(c => new MyCourseRow(
                c.Id, c.Title, c.Summary,
                db.Lessons.Count(l => l.CourseId == c.Id),
                db.LessonReads.Count(r => r.MemberId == member && db.Lessons.Any(l => l.Id == r.LessonId && l.CourseId == c.Id)),
                db.CourseCompletions.Any(x => x.CourseId == c.Id && x.MemberId == member),
                db.Questions.Any(q => q.CourseId == c.Id && q.RemovedAt == null),
                db.TestAttempts.Any(a => a.CourseId == c.Id && a.MemberId == member && a.Passed == true),
                db.TestAttempts.Count(a => a.CourseId == c.Id && a.MemberId == member && a.SubmittedAt != null),
                c.MaxAttempts,
                db.TestAttempts.Where(a => a.CourseId == c.Id && a.MemberId == member && a.Total > 0)
                    .Max(a => (int?)(a.Correct * 100 / a.Total)),
                c.CompletionPoints, c.TestPoints))
            .ToListAsync(cancellationToken);
    }
}
