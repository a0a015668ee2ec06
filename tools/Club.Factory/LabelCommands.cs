using System.CommandLine;
using System.Diagnostics;
using Club.Application;
using Club.Application.Features.Tags;
using Club.Infrastructure.Labels;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Factory;

internal static class LabelCommands
{
    public static Command Create()
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

        return new Command("labels", "Print-ready labels from a batch print file.") { render };
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
