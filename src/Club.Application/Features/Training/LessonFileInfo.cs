using Club.Domain.Media;
using Club.Domain.Training;

namespace Club.Application.Features.Training;

/// <summary>What pages show of a lesson file (never its bytes: those come from <see cref="GetLessonFileQuery"/>).</summary>
public sealed record LessonFileInfo(int Id, int LessonId, string Title, string FileName, string ContentType, int Length)
{
    public bool IsPicture => FileSignature.IsPicture(ContentType);

    /// <summary>The files of the given lessons, in upload order.</summary>
    internal static IQueryable<LessonFileInfo> Of(IQueryable<LessonFile> files, IQueryable<int> lessonIds) =>
        files.Where(f => lessonIds.Contains(f.LessonId))
            .OrderBy(f => f.Id)
            .Select(f => new LessonFileInfo(f.Id, f.LessonId, f.Title, f.FileName, f.ContentType, f.Length));
}
