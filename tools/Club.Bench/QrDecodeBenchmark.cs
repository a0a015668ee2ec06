using System.Diagnostics;
using System.Globalization;
using Club.Infrastructure.Labels;
using Club.Infrastructure.Labels.Reading;
using Club.Testing;
using SkiaSharp;

namespace Club.Bench;

/// <summary>
/// ZXing.Net on the server: a print proof of one 300 dpi A4 sheet of 24 labels (target under 1 s) and a
/// seller's 12-megapixel photo of a tag through the photo fallback (target under 500 ms). Each beside a
/// baseline of the same run: SkiaSharp decoding the same file to pixels and nothing else.
/// </summary>
internal static class QrDecodeBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var repeat = BenchSupport.Option(args, "--repeat", 5);
        var labels = Path.Combine(LabelPdfBenchmark.FindRoot(), "samples", "labels");
        var sheetTemplate = Path.Combine(labels, "a4-sheet-3x8.json");
        var reader = new ServerQrReader(new PdfRasteriser());

        var sheet = await ScanOfSheetAsync(LabelTemplate.Load(sheetTemplate));
        var proof = Time(repeat, () => reader.ReadProofAsync(sheet, sheetTemplate, CancellationToken.None).GetAwaiter().GetResult().Sheets[0].Count(c => c.Text is not null));
        var sheetBaseline = Time(repeat, () => Decode(sheet));

        var tag = LabelPdfBenchmark.MakeLabels(1).Single();
        var photo = LabelPhotos.Photograph(await LabelPhotos.ScanAsync(LabelTemplate.Load(Path.Combine(labels, "jewelry-tag-30x20.json")), tag));
        var fallback = Time(repeat, () => reader.ReadPhoto(photo).Text == tag.Url ? 1 : 0);
        var photoBaseline = Time(repeat, () => Decode(photo));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            A4 sheet, 24 labels, 300 dpi PNG ({sheet.Length / 1024:N0} KB): proof {proof.Ms:N0} ms (labels read {proof.Result}/24); SkiaSharp decode alone {sheetBaseline.Ms:N0} ms
            12 MP photo of a tag, JPEG ({photo.Length / 1024:N0} KB): fallback {fallback.Ms:N0} ms (read {fallback.Result}/1); SkiaSharp decode alone {photoBaseline.Ms:N0} ms
            medians of {repeat} runs, after one warm-up
            """));
        return proof.Result == 24 && fallback.Result == 1 ? 0 : 1;
    }

    private static (double Ms, int Result) Time(int repeat, Func<int> work)
    {
        var result = work();
        var times = new List<double>();
        for (var run = 0; run < repeat; run++)
        {
            var timer = Stopwatch.StartNew();
            result = work();
            times.Add(timer.Elapsed.TotalMilliseconds);
        }

        return (BenchSupport.Median(times), result);
    }

    private static int Decode(byte[] file)
    {
        using var bitmap = SKBitmap.Decode(file);
        return bitmap.Width;
    }

    private static async Task<byte[]> ScanOfSheetAsync(LabelTemplate template)
    {
        var folder = Directory.CreateTempSubdirectory("club-bench-sheet-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "sheet.pdf");
            using (var output = File.Create(pdf))
            {
                new LabelPdfWriter().Write(template, LabelPdfBenchmark.MakeLabels(template.LabelsPerPage), output);
            }

            return (await new PdfRasteriser().RasteriseAsync(pdf, 1, 1, CancellationToken.None))![0];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
