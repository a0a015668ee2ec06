using System.Diagnostics;
using System.Text.Json;
using Club.Infrastructure.Labels.Reading;
using SkiaSharp;

namespace Club.Testing;

/// <summary>
/// Reads printed labels back as a phone would: the PDF page is rasterised and each QR area decoded in-process
/// by the product's own decoder (<see cref="PdfRasteriser"/>, poppler's pdftoppm, and <see cref="QrDecoding"/>,
/// ZXing.Net). <see cref="DecodeWithBrowserDecoderAsync"/> decodes with ZXing's JavaScript port under node
/// instead, the decoder the seller's page runs, for the one test that proves it reads a printed label (its
/// npm packages are installed when Club.Testing builds, from the lock file in tests/Club.Infrastructure.Tests/Labels/qr-decode/).
/// </summary>
public static class QrDecoder
{
    public const int Dpi = PdfRasteriser.Dpi;
    private static readonly string Folder = RepositoryRoot.Combine("tests", "Club.Infrastructure.Tests", "Labels", "qr-decode");

    /// <summary>A PDF page as the PNG picture a 300 dpi scan of the printed sheet would be.</summary>
    public static async Task<byte[]> ScanAsync(string pdf, int page) =>
        (await new PdfRasteriser().RasteriseAsync(pdf, page, page, CancellationToken.None))?.SingleOrDefault()
            ?? throw new InvalidOperationException("pdftoppm (poppler-utils) is needed to read labels back.");

    /// <summary>The texts of the QR codes inside the given areas (in mm) of a PDF page; "ERROR" for an area without a readable code.</summary>
    public static async Task<IReadOnlyList<string>> DecodeAsync(string pdf, int page, IEnumerable<(double X, double Y, double Width, double Height)> areasMm)
    {
        using var bitmap = SKBitmap.Decode(await ScanAsync(pdf, page));
        var picture = SkiaLuminanceSource.From(bitmap);
        return areasMm.Select(a => QrDecoding.DecodeArea(picture, Px(a.X), Px(a.Y), Px(a.Width), Px(a.Height)) ?? "ERROR").ToList();
    }

    /// <summary>As <see cref="DecodeAsync"/>, with the browser's decoder (ZXing's JavaScript port under node).</summary>
    public static async Task<IReadOnlyList<string>> DecodeWithBrowserDecoderAsync(string pdf, int page, IEnumerable<(double X, double Y, double Width, double Height)> areasMm)
    {
        var pgm = await RasteriseAsync(pdf, page);
        var pixels = areasMm.Select(a => new[] { Px(a.X), Px(a.Y), Px(a.Width), Px(a.Height) });
        var output = await RunAsync("node", [Path.Combine(Folder, "decode.js"), pgm, JsonSerializer.Serialize(pixels)]);
        File.Delete(pgm);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<string> RasteriseAsync(string pdf, int page)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pdf)!, $"page-{Guid.NewGuid():N}");
        await RunAsync("pdftoppm", ["-gray", "-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", $"{page}", "-l", $"{page}", "-singlefile", pdf, prefix]);
        return prefix + ".pgm";
    }

    /// <summary>The scratch code printed on a label PDF (grouped, K7QM-2XRB-9TD), read back from its text by poppler's pdftotext.</summary>
    public static async Task<string> PrintedScratchCodeAsync(string pdf) =>
        System.Text.RegularExpressions.Regex.Match(await RunAsync("pdftotext", [pdf, "-"]), "[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}").Value;

    /// <summary>The same, for a label kept in the database (print files are read back as bytes).</summary>
    public static async Task<string> PrintedScratchCodeAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"club-label-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return await PrintedScratchCodeAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    private static int Px(double mm) => (int)Math.Round(mm / 25.4 * Dpi);
}
