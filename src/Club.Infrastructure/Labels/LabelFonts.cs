using PdfSharp.Fonts;

namespace Club.Infrastructure.Labels;

/// <summary>
/// PDFsharp's core build finds no system fonts on Linux; labels use DejaVu (Debian's fonts-dejavu-core,
/// Cyrillic included), embedded in the PDF so the print house needs nothing installed.
/// </summary>
internal sealed class LabelFonts : IFontResolver
{
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF", "/usr/share/fonts/dejavu"];
    private static readonly Lock Gate = new();

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not LabelFonts)
            {
                GlobalFontSettings.FontResolver = new LabelFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var mono = familyName.Contains("Mono", StringComparison.OrdinalIgnoreCase);
        return new FontResolverInfo((mono ? "DejaVuSansMono" : "DejaVuSans") + (bold ? "-Bold" : ""));
    }

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var file = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(file))
            {
                return File.ReadAllBytes(file);
            }
        }

        throw new InvalidOperationException(
            $"The font {faceName}.ttf is missing; install Debian's package fonts-dejavu-core (labels embed it).");
    }
}
