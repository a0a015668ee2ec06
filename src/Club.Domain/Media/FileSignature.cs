namespace Club.Domain.Media;

/// <summary>
/// What an uploaded file is, decided by its first bytes and never by its name or the browser's claim:
/// a "photo.png" that is really HTML or SVG is refused instead of being stored and served back.
/// </summary>
public static class FileSignature
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";

    /// <summary>The content type of a JPEG, PNG or WebP picture, or null for anything else.</summary>
    public static string? Picture(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? WebP
        : null;

    /// <summary>
    /// A picture's type as <see cref="Picture"/>, or <see cref="Pdf"/> for a file that starts with the PDF
    /// header (readers accept it later in the file too; we do not, so a polyglot cannot pass as a PDF).
    /// </summary>
    public static string? PictureOrPdf(ReadOnlySpan<byte> bytes) =>
        Picture(bytes) ?? (bytes.StartsWith("%PDF-"u8) ? Pdf : null);

    public static bool IsPicture(string contentType) => contentType is Jpeg or Png or WebP;

    /// <summary>The usual extension of a type this class recognises.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        Jpeg => ".jpg",
        Png => ".png",
        WebP => ".webp",
        Pdf => ".pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not a type FileSignature recognises."),
    };
}
