using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A published course as the seller reads it: lessons in order with their pictures and PDFs, each marked
/// read or not. The lessons are for active sellers only (anyone may sign up as a seller; the brand's
/// material opens once the program manager has activated the account): others get the course without them.
/// </summary>
public sealed record GetMyCourseQuery(Guid MemberId, int CourseId) : IQuery<MyCourse?>;

public sealed record MyCourse(int Id, string Title, string Summary, bool Open, bool Completed, bool HasTest, IReadOnlyList<MyLesson> Lessons)
{
    /// <summary>Every lesson read but no completion: possible after a manager deleted the lesson a seller had left.</summary>
    public bool ReadyToComplete => Open && !Completed && Lessons.Count > 0 && Lessons.All(l => l.Read);
}

public sealed record MyLesson(int Id, string Title, string Text, string? VideoUrl, bool Read, IReadOnlyList<LessonFileInfo> Files);

public sealed class GetMyCourseHandler(IClubDbFactory dbFactory) : IQueryHandler<GetMyCourseQuery, MyCourse?>
{
    public async ValueTask<MyCourse?> Handle(GetMyCourseQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var course = await TrainingAccess.PublishedCourseAsync(db, query.CourseId, query.MemberId, cancellationToken);
        if (course is null)
        {
            return null;
        }

        var hasTest = await db.Questions.AnyAsync(q => q.CourseId == course.Id && q.RemovedAt == null, cancellationToken);
        if (!await TrainingAccess.IsActiveSellerAsync(db, query.MemberId, cancellationToken))
        {
            return new MyCourse(course.Id, course.Title, course.Summary, Open: false, Completed: false, hasTest, []);
        }

        var lessons = await db.Lessons
            .Where(l => l.CourseId == course.Id)
            .OrderBy(l => l.Position)
            .Select(l => new { l.Id, l.Title, l.Text, l.VideoUrl, Read = db.LessonReads.Any(r => r.LessonId == l.Id && r.MemberId == query.MemberId) })
            .ToListAsync(cancellationToken);
        var files = await LessonFileInfo.Of(db.LessonFiles, db.Lessons.Where(l => l.CourseId == course.Id).Select(l => l.Id)).ToListAsync(cancellationToken);
        var completed = await db.CourseCompletions.AnyAsync(c => c.CourseId == course.Id && c.MemberId == query.MemberId, cancellationToken);
        return new MyCourse(
            course.Id, course.Title, course.Summary, Open: true, completed, hasTest,
            lessons.Select(l => new MyLesson(l.Id, l.Title, l.Text, l.VideoUrl, l.Read, files.Where(f => f.LessonId == l.Id).ToList())).ToList());
    }
}
