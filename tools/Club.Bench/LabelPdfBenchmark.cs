using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Club.Infrastructure.Labels;
using Club.Infrastructure.Tags;

namespace Club.Bench;

/// <summary>
/// Print-ready PDF labels: time and size for 10,000 labels on the A4 template, and peak memory of the
/// part-file writer at 10,000 and 100,000 labels (it must stay flat).
/// </summary>
internal static class LabelPdfBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var count = BenchSupport.Option(args, "--count", 10_000);
        var template = LabelTemplate.Load(TemplatePath(args));
        var labels = MakeLabels(count);
        var file = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}.pdf");
        try
        {
            new LabelPdfWriter().Write(template, labels.Take(100), Stream.Null);
            var times = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                var timer = Stopwatch.StartNew();
                using (var output = File.Create(file))
                {
                    new LabelPdfWriter().Write(template, labels, output);
                }

                times.Add(timer.Elapsed.TotalSeconds);
            }

            var seconds = BenchSupport.Median(times);
            var qrTimer = Stopwatch.StartNew();
            using (var generator = new QRCoder.QRCodeGenerator())
            {
                foreach (var label in labels)
                {
                    QrModules.Encode(generator, label.Url, template.EccLevel);
                }
            }

            var qrSeconds = qrTimer.Elapsed.TotalSeconds;
            Console.WriteLine($"PDF, {count:N0} labels ({template.Name}, {Math.Ceiling(count / (double)template.LabelsPerPage):N0} pages): median {seconds:F2} s ({count / seconds:N0} labels/s), {new FileInfo(file).Length / 1048576.0:F1} MiB");
            Console.WriteLine($"baseline, QR encoding alone (QRCoder) of the same URLs: {qrSeconds:F2} s -> PDF / QR encoding = {seconds / qrSeconds:F1}");
            foreach (var size in new[] { 10_000, 100_000 })
            {
                Console.WriteLine($"peak memory writing {size:N0} labels as 5,000-label part files: {BenchSupport.RunChild("labels-memory", "--count", size.ToString(CultureInfo.InvariantCulture), "--template", TemplatePath(args))}");
            }

            return Task.FromResult(0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static int RunMemoryProbe(string[] args)
    {
        var count = BenchSupport.Option(args, "--count", 10_000);
        var template = LabelTemplate.Load(TemplatePath(args));
        var folder = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}");
        try
        {
            var files = new LabelPdfWriter().WriteFiles(template, MakeLabels(count), folder, "bench");
            Console.WriteLine($"{BenchSupport.PeakMemoryMiB():F0} MiB ({files.Count} files)");
            return 0;
        }
        finally
        {
            BenchSupport.DeleteFolder(folder);
        }
    }

    /// <summary>Labels made lazily, like reading a print file: nothing holds all of them.</summary>
    internal static IEnumerable<Label> MakeLabels(int count)
    {
        var codec = new SerialCodec(RandomNumberGenerator.GetBytes(32));
        for (var i = 1; i <= count; i++)
        {
            var serial = codec.Encode(i);
            yield return new Label(serial, TagCodes.ScanUrl("https://club.aquamarine.example", serial),
                ScratchCode.Group(ScratchCode.Generate()), "Кольцо «Волна», серебро 925", "B000001");
        }
    }

    private static string TemplatePath(string[] args) =>
        BenchSupport.Option(args, "--template") ?? Path.Combine(FindRoot(), "samples", "labels", "a4-sheet-3x8.json");

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Club.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
