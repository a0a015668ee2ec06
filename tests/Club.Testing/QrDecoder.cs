using System.Diagnostics;
using System.Text.Json;

namespace Club.Testing;

/// <summary>
/// Reads printed labels back as a phone would: the PDF page is rasterised by poppler's pdftoppm and
/// each QR area is decoded by ZXing's JavaScript port under node (ZXing.Net is not on the package
/// source). The npm packages are installed when Club.Testing builds, from the lock file in tests/Club.Infrastructure.Tests/Labels/qr-decode/.
/// </summary>
public static class QrDecoder
{
    public const int Dpi = 300;
    private static readonly string Folder = RepositoryRoot.Combine("tests", "Club.Infrastructure.Tests", "Labels", "qr-decode");

    /// <summary>The texts of the QR codes inside the given areas (in mm) of a PDF page.</summary>
    public static async Task<IReadOnlyList<string>> DecodeAsync(string pdf, int page, IEnumerable<(double X, double Y, double Width, double Height)> areasMm)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pdf)!, $"page-{Guid.NewGuid():N}");
        await RunAsync("pdftoppm", ["-gray", "-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", $"{page}", "-l", $"{page}", "-singlefile", pdf, prefix]);
        var pixels = areasMm.Select(a => new[] { Px(a.X), Px(a.Y), Px(a.Width), Px(a.Height) });
        var output = await RunAsync("node", [Path.Combine(Folder, "decode.js"), prefix + ".pgm", JsonSerializer.Serialize(pixels)]);
        File.Delete(prefix + ".pgm");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The scratch code printed on a label PDF (grouped, K7QM-2XRB-9TD), read back from its text by poppler's pdftotext.</summary>
    public static async Task<string> PrintedScratchCodeAsync(string pdf) =>
        System.Text.RegularExpressions.Regex.Match(await RunAsync("pdftotext", [pdf, "-"]), "[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}").Value;

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
