using Club.Domain.Media;

namespace Club.Domain.Training;

/// <summary>
/// A picture (shown in the lesson) or a PDF (offered for download) attached to a lesson. Stored in
/// PostgreSQL like gift photos, for the same reason: several web nodes, one shared store, one backup.
/// Never changed once stored, so its id alone names its bytes (a replacement is a new file).
/// </summary>
public sealed class LessonFile
{
    public const int MaxPictureBytes = 2 * 1024 * 1024;
    public const int MaxPdfBytes = 10 * 1024 * 1024;
    public const int MaxTitleLength = 200;

    /// <summary>Enough for any lesson; it keeps one careless manager from filling the database.</summary>
    public const int MaxPerLesson = 20;

    public int Id { get; set; }
    public int LessonId { get; set; }

    /// <summary>The caption under a picture, or the link text of a PDF.</summary>
    public required string Title { get; set; }

    /// <summary>The uploaded name made safe (<see cref="SafeFileName"/>), offered when the file is downloaded.</summary>
    public required string FileName { get; set; }

    /// <summary>One of the types <see cref="FileSignature.PictureOrPdf"/> recognised in the bytes.</summary>
    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>The size in bytes, kept apart so lists never read <see cref="Content"/>.</summary>
    public int Length { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The size limit for a file of this type (pictures are shown inline, on phones: keep them small).</summary>
    public static int MaxBytesFor(string contentType) => FileSignature.IsPicture(contentType) ? MaxPictureBytes : MaxPdfBytes;
}
