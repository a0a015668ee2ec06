using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>A published course as the seller reads it: lessons in order, each marked read or not.</summary>
public sealed record GetMyCourseQuery(Guid MemberId, int CourseId) : IQuery<MyCourse?>;

public sealed record MyCourse(int Id, string Title, string Summary, bool Completed, bool HasTest, IReadOnlyList<MyLesson> Lessons);

public sealed record MyLesson(int Id, string Title, string Text, string? VideoUrl, bool Read);

public sealed class GetMyCourseHandler(IClubDbFactory dbFactory) : IQueryHandler<GetMyCourseQuery, MyCourse?>
{
    public async ValueTask<MyCourse?> Handle(GetMyCourseQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var course = await TrainingAccess.PublishedCourseAsync(db, query.CourseId, cancellationToken);
        if (course is null)
        {
            return null;
        }

        var lessons = await db.Lessons
            .Where(l => l.CourseId == course.Id)
            .OrderBy(l => l.Position)
            .Select(l => new MyLesson(l.Id, l.Title, l.Text, l.VideoUrl, db.LessonReads.Any(r => r.LessonId == l.Id && r.MemberId == query.MemberId)))
            .ToListAsync(cancellationToken);
        var completed = await db.CourseCompletions.AnyAsync(c => c.CourseId == course.Id && c.MemberId == query.MemberId, cancellationToken);
        var hasTest = await db.Questions.AnyAsync(q => q.CourseId == course.Id, cancellationToken);
        return new MyCourse(course.Id, course.Title, course.Summary, completed, hasTest, lessons);
    }
}
