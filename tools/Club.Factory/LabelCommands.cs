using System.CommandLine;
using System.Diagnostics;
using Club.Infrastructure;
using Club.Infrastructure.Labels;
using Spectre.Console;

namespace Club.Factory;

internal static class LabelCommands
{
    public const int DefaultLabelsPerFile = 5_000;

    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "A batch print file (CSV written by 'batch create').", Required = true };
        var template = new Option<string>("--template") { Description = "Label template JSON, e.g. samples/labels/jewelry-tag-30x20.json.", Required = true };
        var output = new Option<string?>("--out") { Description = "Output folder (default: beside the input)." };
        var format = new Option<string>("--format") { Description = "pdf (sheets), svg (one file per label) or png (QR only, one per label).", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong("pdf", "svg", "png");
        var perFile = new Option<int>("--per-file") { Description = "Labels per PDF file; keeps memory flat for large batches.", DefaultValueFactory = _ => DefaultLabelsPerFile };

        var render = new Command("render", "Render the labels of a print file as PDF sheets, SVG or PNG.") { input, template, output, format, perFile };
        render.SetAction((parse, cancellationToken) => Output.GuardAsync(async () =>
        {
            var csv = Path.GetFullPath(parse.GetValue(input)!);
            if (!File.Exists(csv))
            {
                return Output.Usage($"The print file '{csv}' does not exist.");
            }

            var labelsPerFile = parse.GetValue(perFile);
            if (labelsPerFile is < 1 or > 100_000)
            {
                return Output.Usage("--per-file must be between 1 and 100,000.");
            }

            LabelTemplate labelTemplate;
            try
            {
                labelTemplate = LabelTemplate.Load(parse.GetValue(template)!);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException)
            {
                return Output.Usage($"The label template cannot be used: {ex.Message}");
            }

            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.GetDirectoryName(csv)!);
            var files = await RenderAsync(csv, labelTemplate, folder, parse.GetValue(format)!, labelsPerFile, cancellationToken);
            Output.Secret($"{files.Count} file(s) in {folder} show the scratch codes.");
            return Output.Ok;
        }));

        return new Command("labels", "Print-ready labels from a batch print file.") { render };
    }

    /// <summary>Renders with a progress bar; files are owner-only because they show scratch codes.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(
        string csvPath, LabelTemplate template, string folder, string format, int labelsPerFile, CancellationToken cancellationToken)
    {
        ClubPaths.CreatePrivateFolder(folder);
        var total = CountLabels(csvPath);
        var prefix = Path.GetFileNameWithoutExtension(csvPath);
        IReadOnlyList<string> files = [];
        var timer = Stopwatch.StartNew();
        await BatchCommands.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"Rendering {format.ToUpperInvariant()}", maxValue: Math.Max(total, 1));
            var progress = new Progress<int>(done =>
            {
                task.Value = Math.Max(task.Value, done);
                task.Description = $"Rendering {format.ToUpperInvariant()}: {done:N0} labels ({done / Math.Max(timer.Elapsed.TotalSeconds, 0.001):N0}/s)";
            });
            files = await Task.Run(() => Render(csvPath, template, folder, prefix, format, labelsPerFile, progress, cancellationToken), cancellationToken);
            task.Value = task.MaxValue;
        });
        return files;
    }

    private static IReadOnlyList<string> Render(
        string csvPath, LabelTemplate template, string folder, string prefix, string format, int labelsPerFile, IProgress<int> progress, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(csvPath);
        var labels = LabelCsv.Read(reader).Select(label =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return label;
        });
        if (format == "pdf")
        {
            return new LabelPdfWriter().WriteFiles(template, labels, folder, prefix, labelsPerFile, progress);
        }

        var files = new List<string>();
        foreach (var label in labels)
        {
            // The name comes from the print file: only a well-formed serial may name a file, never a path.
            var name = label.Serial.Length == 13 && label.Serial.All(char.IsAsciiLetterOrDigit) ? label.Serial : $"label-{files.Count + 1:000000}";
            var file = Path.Combine(folder, $"{name}.{format}");
            if (format == "svg")
            {
                File.WriteAllText(file, LabelSvg.Render(template, label));
            }
            else
            {
                File.WriteAllBytes(file, QrPng.Render(label.Url, template.EccLevel));
            }

            ClubPaths.MakePrivate(file);
            files.Add(file);
            progress.Report(files.Count);
        }

        return files;
    }

    private static int CountLabels(string csvPath) => Math.Max(File.ReadLines(csvPath).Count() - 1, 0);
}
