using System.Diagnostics;
using System.Text.Json;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Club.Testing;

/// <summary>
/// Reads printed labels back as a phone would: the PDF page is rasterised by poppler's pdftoppm and each
/// QR area is decoded in-process by ZXing.Net. <see cref="DecodeWithBrowserDecoderAsync"/> decodes with
/// ZXing's JavaScript port under node instead, the decoder the seller's page runs, for the one test that
/// proves it reads a printed label (its npm packages are installed when Club.Testing builds, from the lock
/// file in tests/Club.Infrastructure.Tests/Labels/qr-decode/).
/// </summary>
public static class QrDecoder
{
    public const int Dpi = 300;
    private static readonly string Folder = RepositoryRoot.Combine("tests", "Club.Infrastructure.Tests", "Labels", "qr-decode");

    /// <summary>The texts of the QR codes inside the given areas (in mm) of a PDF page; "ERROR" for an area without a readable code.</summary>
    public static async Task<IReadOnlyList<string>> DecodeAsync(string pdf, int page, IEnumerable<(double X, double Y, double Width, double Height)> areasMm)
    {
        var pgm = await RasteriseAsync(pdf, page);
        try
        {
            var (width, height, pixels) = ReadPgm(await File.ReadAllBytesAsync(pgm));
            return areasMm.Select(a => Decode(pixels, width, height, Px(a.X), Px(a.Y), Px(a.Width), Px(a.Height)) ?? "ERROR").ToList();
        }
        finally
        {
            File.Delete(pgm);
        }
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

    /// <summary>
    /// Like a phone scanner, tries more than one way: the finder-pattern search with either binariser, then
    /// the pure-barcode mode, which reads a cleanly cropped code with its quiet zone without that search.
    /// </summary>
    private static string? Decode(byte[] page, int pageWidth, int pageHeight, int x, int y, int width, int height)
    {
        (x, y) = (Math.Clamp(x, 0, pageWidth - 1), Math.Clamp(y, 0, pageHeight - 1));
        (width, height) = (Math.Min(width, pageWidth - x), Math.Min(height, pageHeight - y));
        var crop = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            Array.Copy(page, (y + row) * pageWidth + x, crop, row * width, width);
        }

        var source = new RGBLuminanceSource(crop, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var tryHarder = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var pure = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), tryHarder)?.Text
            ?? new QRCodeReader().decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)), tryHarder)?.Text
            ?? new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), pure)?.Text;
    }

    /// <summary>A binary PGM ("P5", width, height, maxval, then one byte per pixel).</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] data)
    {
        var fields = new List<string>();
        var offset = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)data[offset]))
            {
                offset++;
            }

            var start = offset;
            while (!char.IsWhiteSpace((char)data[offset]))
            {
                offset++;
            }

            fields.Add(System.Text.Encoding.ASCII.GetString(data, start, offset - start));
        }

        if (fields[0] != "P5")
        {
            throw new InvalidDataException("Not a binary PGM.");
        }

        var (width, height) = (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
        return (width, height, data[(offset + 1)..]);
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
