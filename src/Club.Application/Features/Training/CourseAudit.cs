using System.Globalization;
using Club.Application.Features.Audit;
using Club.Domain.Training;

namespace Club.Application.Features.Training;

/// <summary>
/// How a course's lessons, files and questions appear in the audit log: one row per change, named by the
/// item (<c>lesson</c>, <c>lesson-file</c>, <c>course-question</c>) with its course in the values.
/// </summary>
internal static class CourseAudit
{
    public const string Lesson = "lesson";
    public const string LessonFile = "lesson-file";
    public const string Question = "course-question";

    public static AuditChange Change(string entityType, string verb, int id, object? before, object? after) =>
        new($"{entityType}.{verb}", entityType, id.ToString(CultureInfo.InvariantCulture), before, after);

    public static object Of(Lesson l) => new { l.CourseId, l.Position, l.Title, l.Text, l.VideoUrl };

    public static object Of(Question q) => new { q.CourseId, q.Position, q.Text, q.Options, q.Correct, q.RemovedAt };

    // The file's bytes stay out of the log: its kind and size say what was attached.
    public static object OfFile(int courseId, int lessonId, string title, string fileName, string contentType, int bytes) =>
        new { CourseId = courseId, LessonId = lessonId, Title = title, FileName = fileName, ContentType = contentType, Bytes = bytes };
}
