namespace Club.Application.Features.Tags;

/// <summary>A new scratch code: its printed form (only ever on the label) and the keyed hash the tag stores.</summary>
public sealed record NewScratchCode(string Printed, byte[] Hash);

/// <summary>
/// A new scratch code for one tag whose code was exposed (a returned item), and its one replacement
/// label, drawn with the batch's own template. Implemented in Infrastructure, where the scratch key and
/// the label writer live.
/// </summary>
public interface IReplacementLabels
{
    NewScratchCode NewScratchCode();

    /// <summary>
    /// Draws the tag's label with <paramref name="code"/> into a PDF in a new owner-only work folder
    /// (it shows the code) and returns the file; the caller keeps it with the batch's print files.
    /// <paramref name="logo"/>: the brand's logo, drawn if the template has room for it.
    /// </summary>
    string RenderPdf(long tagId, string code, string productName, string batchNumber, string templatePath, byte[]? logo);
}
