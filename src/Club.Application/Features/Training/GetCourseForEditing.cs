using Club.Application.Abstractions;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// One course with its lessons, their files and the question bank (removed questions last), for the
/// program manager who builds it; with how many sellers read each lesson and answered each question,
/// which decides what may still be changed.
/// </summary>
public sealed record GetCourseForEditingQuery(int CourseId) : IQuery<CourseForEditing?>, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed record CourseForEditing(
    Course Course, IReadOnlyList<Lesson> Lessons, IReadOnlyList<LessonFileInfo> Files, IReadOnlyList<Question> Questions,
    IReadOnlyDictionary<int, int> ReadsPerLesson, IReadOnlyDictionary<int, int> AnswersPerQuestion)
{
    public IEnumerable<LessonFileInfo> FilesOf(int lessonId) => Files.Where(f => f.LessonId == lessonId);

    public int ReadsOf(int lessonId) => ReadsPerLesson.GetValueOrDefault(lessonId);

    public int AnswersOf(int questionId) => AnswersPerQuestion.GetValueOrDefault(questionId);
}

public sealed class GetCourseForEditingHandler(IClubDbFactory dbFactory) : IQueryHandler<GetCourseForEditingQuery, CourseForEditing?>
{
    public async ValueTask<CourseForEditing?> Handle(GetCourseForEditingQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CourseId, cancellationToken);
        if (course is null)
        {
            return null;
        }

        var lessonIds = db.Lessons.Where(l => l.CourseId == course.Id).Select(l => l.Id);
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.CourseId == course.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
        var files = await LessonFileInfo.Of(db.LessonFiles, lessonIds).ToListAsync(cancellationToken);
        var questions = await db.Questions.AsNoTracking().Where(q => q.CourseId == course.Id)
            .OrderBy(q => q.RemovedAt != null).ThenBy(q => q.Position).ToListAsync(cancellationToken);
        var reads = await db.LessonReads.Where(r => lessonIds.Contains(r.LessonId))
            .GroupBy(r => r.LessonId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var answers = await db.TestAnswers.Where(a => db.Questions.Any(q => q.Id == a.QuestionId && q.CourseId == course.Id))
            .GroupBy(a => a.QuestionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new CourseForEditing(course, lessons, files, questions, reads, answers);
    }
}
