namespace Club.Domain.Training;

/// <summary>
/// One lesson of a course. The text is plain paragraphs (rendered encoded, never as HTML), so nothing a
/// manager types can run in a seller's browser; the video is a link (http or https only).
/// </summary>
public sealed class Lesson : ICourseItem
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 20_000;
    public const int MaxUrlLength = 500;

    public int Id { get; set; }
    public int CourseId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string Text { get; set; } = "";
    public string? VideoUrl { get; set; }

    /// <summary>An absolute http(s) link, or null: javascript:, data: and relative links are refused.</summary>
    public static bool IsSafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>That a seller has read a lesson; the course is completed when every lesson is read.</summary>
public sealed class LessonRead
{
    public int LessonId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>A seller's completion of a course (one row per course and seller: the points are paid with it).</summary>
public sealed class CourseCompletion
{
    public int CourseId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}
