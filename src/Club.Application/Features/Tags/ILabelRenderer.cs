namespace Club.Application.Features.Tags;

public enum LabelFormat
{
    /// <summary>Sheets of labels as the template lays them out, split into files.</summary>
    Pdf,

    /// <summary>One SVG file per label.</summary>
    Svg,

    /// <summary>One PNG of the QR code per label.</summary>
    Png,
}

/// <summary>
/// Draws the labels of a batch print file (the CSV with serials, URLs and scratch codes). Implemented in
/// Infrastructure, where the template reader, the PDF writer and the QR encoder live. Every file it
/// writes is owner-only: labels show scratch codes.
/// </summary>
public interface ILabelRenderer
{
    /// <summary>Null when the template can be used, else why not (in words for the person who chose it).</summary>
    string? CheckTemplate(string templatePath);

    /// <summary>
    /// Draws the labels; <paramref name="logo"/> (the brand's logo, or null) goes on the PDF and SVG labels
    /// of templates that have room for it.
    /// </summary>
    IReadOnlyList<string> Render(
        string printFile, string templatePath, string outputFolder, string filePrefix, LabelFormat format, int labelsPerFile,
        byte[]? logo, IProgress<int>? progress, CancellationToken cancellationToken);
}
