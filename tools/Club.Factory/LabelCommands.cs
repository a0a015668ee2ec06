using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Club.Application;
using Club.Application.Features.Tags;
using Club.Infrastructure.Labels;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Club.Factory;

internal static class LabelCommands
{
    public static Command Create(Option<string?> appData)
    {
        var input = new Option<string>("--input") { Description = "A batch print file (CSV written by 'batch create').", Required = true };
        var template = new Option<string>("--template") { Description = "Label template JSON, e.g. samples/labels/jewelry-tag-30x20.json.", Required = true };
        var output = new Option<string?>("--out") { Description = "Output folder (default: beside the input)." };
        var formatOption = new Option<string>("--format") { Description = "pdf (sheets), svg (one file per label) or png (QR only, one per label).", DefaultValueFactory = _ => "pdf" };
        formatOption.AcceptOnlyFromAmong("pdf", "svg", "png");
        var perFile = new Option<int>("--per-file") { Description = "Labels per PDF file; keeps memory flat for large batches.", DefaultValueFactory = _ => RenderLabelsCommand.DefaultLabelsPerFile };

        var logoOption = new Option<string?>("--logo") { Description = "The brand's logo (PNG or JPEG), drawn on templates with a logo box." };

        var render = new Command("render", "Render the labels of a print file as PDF sheets, SVG or PNG.") { input, template, output, formatOption, perFile, logoOption };
        render.SetAction((parse, cancellationToken) => Output.GuardAsync(async () =>
        {
            var csv = Path.GetFullPath(parse.GetValue(input)!);
            if (!File.Exists(csv))
            {
                return Output.Usage($"The print file '{csv}' does not exist.");
            }

            var logoFile = parse.GetValue(logoOption);
            if (logoFile is not null && !File.Exists(logoFile))
            {
                return Output.Usage($"The logo file '{logoFile}' does not exist.");
            }

            var logo = logoFile is null ? null : await File.ReadAllBytesAsync(logoFile, cancellationToken);
            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.GetDirectoryName(csv)!);
            var format = Enum.Parse<LabelFormat>(parse.GetValue(formatOption)!, ignoreCase: true);
            // Rendering needs no database: the use case runs on a container of the application's services
            // and the label renderer only.
            await using var services = new ServiceCollection().AddClubApplication().AddSingleton<ILabelRenderer, LabelRenderer>().BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            var rendered = await RenderAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), csv, Path.GetFullPath(parse.GetValue(template)!), folder, format, parse.GetValue(perFile), logo, cancellationToken);
            if (!rendered.Succeeded)
            {
                return Output.Usage(rendered.Error!);
            }

            Output.Secret($"{rendered.Files.Count} file(s) in {folder} show the scratch codes.");
            return Output.Ok;
        }));

        return new Command("labels", "Print-ready labels from a batch print file, and checks of printed proofs.") { render, VerifyCommand(appData) };
    }

    /// <summary>
    /// <c>labels verify 12 sheet-1.jpg sheet-2.jpg</c>: reads every QR code of the scanned sheets and lists, by
    /// sheet and position, what needs a look; the exit code is non-zero when anything does.
    /// </summary>
    private static Command VerifyCommand(Option<string?> appData)
    {
        var id = new Argument<int>("batch") { Description = "Batch id." };
        var scans = new Argument<string[]>("scans") { Description = "Scans or photos of printed sheets: PNG or JPEG (one sheet each), or PDF (needs poppler's pdftoppm).", Arity = ArgumentArity.OneOrMore };
        var template = new Option<string?>("--template") { Description = "The batch's label template JSON (default: the batch's template in samples/labels)." };
        var command = new Command("verify", "Check a print proof: decode every label's QR code on scanned sheets and report unreadable, foreign, duplicated and missing labels.") { id, scans, template };
        command.SetAction((parse, cancellationToken) => Output.GuardAsync(async () =>
        {
            var files = new List<ProofFile>();
            foreach (var path in parse.GetValue(scans)!)
            {
                if (!File.Exists(path))
                {
                    return Output.Usage($"The scan '{path}' does not exist.");
                }

                files.Add(new ProofFile(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken)));
            }

            using var host = await FactoryHost.StartAsync(parse.GetValue(appData), cancellationToken);
            var mediator = host.Services.GetRequiredService<IMediator>();
            var batch = (await mediator.Send(new GetTagBatchQuery(parse.GetValue(id)), cancellationToken)).Batch;
            var templatePath = parse.GetValue(template) ?? (FactoryHost.SamplesLabels() is { } folder ? Path.Combine(folder, batch.TemplateName) : null);
            var report = await mediator.Send(new VerifyPrintProofCommand(batch.Id, templatePath is not null && File.Exists(templatePath) ? Path.GetFullPath(templatePath) : null, files), cancellationToken);
            if (!report.Succeeded)
            {
                return Output.Error(report.ErrorFile is null ? report.Error!.Text : $"{report.ErrorFile}: {report.Error!.Text}");
            }

            foreach (var sheet in report.Sheets)
            {
                foreach (var label in sheet.Labels.Where(l => l.Verdict is not (ProofVerdict.Read or ProofVerdict.Blank)))
                {
                    var what = label.Verdict switch
                    {
                        ProofVerdict.Unreadable => "[red]unreadable[/]",
                        ProofVerdict.OtherBatch => $"[red]serial of batch {label.OtherBatch}[/] {label.Serial}",
                        ProofVerdict.Duplicate => $"[red]duplicated[/] {label.Serial}",
                        _ => "[red]not one of our codes[/]",
                    };
                    AnsiConsole.MarkupLine(string.Create(CultureInfo.CurrentCulture, $"{Markup.Escape(sheet.File)} page {sheet.Page}, position {label.Position} (row {label.Row}, column {label.Column}): {what}"));
                }
            }

            var problems = report.Count(ProofVerdict.Unreadable) + report.Count(ProofVerdict.OtherBatch) + report.Count(ProofVerdict.NotOurs) + report.Count(ProofVerdict.Duplicate);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture,
                $"{(problems == 0 ? "[green]Proof checked.[/]" : "[yellow]Proof checked: some labels need a look.[/]")} Sheets {report.Sheets.Count}; read {report.Count(ProofVerdict.Read)}; unreadable {report.Count(ProofVerdict.Unreadable)}; other batch {report.Count(ProofVerdict.OtherBatch)}; not ours {report.Count(ProofVerdict.NotOurs)}; duplicated {report.Count(ProofVerdict.Duplicate)}; missing from the proof {report.Missing:N0}.");
            if (report.MissingSerials.Count > 0)
            {
                AnsiConsole.WriteLine(string.Create(CultureInfo.CurrentCulture, $"Missing, first {report.MissingSerials.Count}: {string.Join(", ", report.MissingSerials)}"));
            }

            return problems == 0 ? Output.Ok : Output.Failed;
        }));
        return command;
    }

    /// <summary>Renders through the one use case, with a progress bar; files are owner-only because they show scratch codes.</summary>
    public static async Task<RenderLabelsResult> RenderAsync(
        IMediator mediator, string csvPath, string templatePath, string folder, LabelFormat format, int labelsPerFile, byte[]? logo, CancellationToken cancellationToken)
    {
        var total = CountLabels(csvPath);
        var name = format.ToString().ToUpperInvariant();
        RenderLabelsResult? result = null;
        var timer = Stopwatch.StartNew();
        await BatchCommands.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"Rendering {name}", maxValue: Math.Max(total, 1));
            var progress = new Progress<int>(done =>
            {
                task.Value = Math.Max(task.Value, done);
                task.Description = $"Rendering {name}: {done:N0} labels ({done / Math.Max(timer.Elapsed.TotalSeconds, 0.001):N0}/s)";
            });
            result = await mediator.Send(new RenderLabelsCommand(csvPath, templatePath, folder, format, labelsPerFile, Logo: logo) { Progress = progress }, cancellationToken);
            task.Value = task.MaxValue;
        });
        return result!;
    }

    private static int CountLabels(string csvPath) => Math.Max(File.ReadLines(csvPath).Count() - 1, 0);
}
