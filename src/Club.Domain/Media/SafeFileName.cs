using System.Globalization;
using System.Text;

namespace Club.Domain.Media;

/// <summary>
/// Turns the name a browser sent with an upload into one that is harmless to store, show and send back in
/// a Content-Disposition header: no folders, no control or bidirectional-override characters (which can
/// make "fdp.exe" look like "exe.pdf"), none of the characters file systems or headers treat specially,
/// and an extension that matches what the bytes really are.
/// </summary>
public static class SafeFileName
{
    public const int MaxLength = 100;

    public static string For(string? uploaded, string contentType)
    {
        var name = uploaded ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            clean.Append(
                category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
                    or UnicodeCategory.OtherNotAssigned
                || c is '"' or '\'' or ';' or ':' or '*' or '?' or '<' or '>' or '|' or '%' or '`'
                    ? '_'
                    : c);
        }

        // A name that already ends in the right extension keeps it; any other ("evil.html") gets the right
        // one added, so the file opens as what it is.
        var stem = clean.ToString();
        var dot = stem.LastIndexOf('.');
        var extension = FileSignature.Extension(contentType);
        if (dot >= 0 && IsExtensionOf(stem[dot..], contentType))
        {
            extension = stem[dot..].ToLowerInvariant();
            stem = stem[..dot];
        }

        stem = stem.Trim(' ', '.', '_', '-');
        if (stem.Length == 0)
        {
            stem = "file";
        }

        return (stem.Length > MaxLength - extension.Length ? stem[..(MaxLength - extension.Length)].TrimEnd(' ', '.') : stem) + extension;
    }

    private static bool IsExtensionOf(string extension, string contentType) =>
        extension.ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => contentType == FileSignature.Jpeg,
            ".png" => contentType == FileSignature.Png,
            ".webp" => contentType == FileSignature.WebP,
            ".pdf" => contentType == FileSignature.Pdf,
            _ => false,
        };
}
