using System.Globalization;
using System.CommandLine;
using System.Diagnostics;
using Club.Application.Features.Brand;
using Club.Application.Features.Points;
using Club.Application.Features.Tags;
using Club.Domain.Tags;
using Club.Infrastructure.Labels;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Club.Factory;

internal static class BatchCommands
{
    public static Command Create(Option<string?> appData)
    {
        var batch = new Command("batch", "Create, list and move batches of tags.");
        batch.Subcommands.Add(CreateCommand(appData));
        batch.Subcommands.Add(ListCommand(appData));
        batch.Subcommands.Add(ShowCommand(appData));
        batch.Subcommands.Add(StateCommand(appData, "mark-printed", "Mark a batch printed (deletes the site's copies of its print files; your own files are yours).", TagBatchState.Printed));
        batch.Subcommands.Add(StateCommand(appData, "ship", "Mark a printed batch shipped to a partner.", TagBatchState.Shipped, withPartner: true));
        batch.Subcommands.Add(StateCommand(appData, "activate", "Mark a shipped batch active: its items are on sale.", TagBatchState.Active));
        batch.Subcommands.Add(VoidCommand(appData));
        return batch;
    }

    private static Command CreateCommand(Option<string?> appData)
    {
        var sku = new Option<string>("--sku") { Description = "Product SKU, e.g. AQ-SEA-R01.", Required = true };
        var count = new Option<int>("--count") { Description = "Number of tags, 1 to 1,000,000.", Required = true };
        var partner = new Option<string?>("--partner") { Description = "Destination partner's name, if known now." };
        var template = new Option<string?>("--template") { Description = "Label template JSON (default samples/labels/a4-sheet-3x8.json)." };
        var output = new Option<string>("--out")
        {
            Description = "Folder for the print files (created owner-only), outside any git work tree (default ~/club-print).",
            DefaultValueFactory = _ => PrintSafety.DefaultFolder(),
        };
        var pdf = new Option<bool>("--pdf") { Description = "Also render the labels as PDF files." };
        var baseUrl = new Option<string?>("--base-url") { Description = "Public address printed in the QR codes (default Club:PublicBaseUrl)." };
        var test = new Option<bool>("--test") { Description = $"A test print: without a public address the QR codes point to {PrintSafety.TestAddress}." };

        var command = new Command("create", "Generate a batch: tags in the database and a SECRET print file with the scratch codes.")
        {
            sku, count, partner, template, output, pdf, baseUrl, test,
        };
        command.SetAction((parse, cancellationToken) => Output.GuardAsync(async () =>
        {
            var quantity = parse.GetValue(count);
            if (quantity is < 1 or > TagBatch.MaxQuantity)
            {
                return Output.Usage($"--count must be between 1 and {TagBatch.MaxQuantity:N0} (got {quantity:N0}).");
            }

            var templatePath = parse.GetValue(template) ?? DefaultTemplate();
            if (templatePath is null || !File.Exists(templatePath))
            {
                return Output.Usage($"The label template '{templatePath ?? "samples/labels/a4-sheet-3x8.json"}' does not exist.");
            }

            LabelTemplate labelTemplate;
            try
            {
                labelTemplate = LabelTemplate.Load(templatePath);
            }
            catch (InvalidOperationException ex)
            {
                return Output.Usage($"The label template is not valid: {ex.Message}");
            }

            var folder = Path.GetFullPath(parse.GetValue(output)!);
            if (PrintSafety.GitWorkTreeOf(folder) is { } workTree)
            {
                return Output.Usage($"'{folder}' is inside the git work tree '{workTree}': print files hold the plain scratch codes and must not end up in a repository. " +
                    $"Choose a folder outside it with --out (default {PrintSafety.DefaultFolder()}).");
            }

            if (!CanWrite(folder, out var why))
            {
                return Output.Usage($"Cannot write to '{folder}': {why}");
            }

            using var host = await FactoryHost.StartAsync(parse.GetValue(appData), cancellationToken);
            var mediator = host.Services.GetRequiredService<IMediator>();
            var publicUrl = PrintSafety.PublicAddress(parse.GetValue(baseUrl), host.Services.GetRequiredService<IConfiguration>(), parse.GetValue(test), out var noAddress);
            if (publicUrl is null)
            {
                return Output.Usage(noAddress);
            }

            CreateTagBatchResult? result = null;
            var timer = Stopwatch.StartNew();
            await Progress().StartAsync(async context =>
            {
                var task = context.AddTask("Generating tags", maxValue: quantity);
                var progress = new Progress<long>(done =>
                {
                    task.Value = Math.Max(task.Value, done);
                    task.Description = $"Generating tags: {done:N0} ({done / Math.Max(timer.Elapsed.TotalSeconds, 0.001):N0}/s)";
                });
                result = await mediator.Send(new CreateTagBatchCommand(
                    parse.GetValue(sku)!, quantity, parse.GetValue(partner), Path.GetFileName(templatePath), Environment.UserName, folder, publicUrl)
                {
                    Progress = progress,
                }, cancellationToken);
                task.Value = quantity;
            });

            if (!result!.Succeeded)
            {
                return Output.Error(result.Error!.Text);
            }

            var created = result.Batch!;
            AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture, $"[green]Batch {created.Number}[/] (id {created.BatchId}): {created.Quantity:N0} tags in {timer.Elapsed.TotalSeconds:N1} s, QR codes point to {publicUrl}");
            Output.Secret($"{created.PrintFile} holds the plain scratch codes. Give it only to the printer; delete it after printing.");

            if (parse.GetValue(pdf))
            {
                var logo = await mediator.Send(new GetBrandLogoQuery(), cancellationToken);
                var rendered = await LabelCommands.RenderAsync(mediator, created.PrintFile, Path.GetFullPath(templatePath), folder, LabelFormat.Pdf,
                    RenderLabelsCommand.DefaultLabelsPerFile, logo?.Content, cancellationToken);
                if (!rendered.Succeeded)
                {
                    // The batch is committed: say so, or someone re-runs the command and makes a second one.
                    return Output.Error($"Batch {created.Number} was created and {created.PrintFile} is kept, but the PDF labels were not made ({rendered.Error}). " +
                        $"Make them with: labels render --input {created.PrintFile} --template {templatePath}");
                }

                Output.Secret($"{rendered.Files.Count} PDF file(s) in {folder} show the scratch codes too.");
            }

            return Output.Ok;
        }));
        return command;
    }

    // Staff read times in the club's zone (Club:Jobs:TimeZone), as on the site, whatever zone the factory PC is set to.
    private static string ClubTimeText(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is null ? "" : TimeZoneInfo.ConvertTime(at.Value, zone).ToString("g", CultureInfo.CurrentCulture);

    private static Command ListCommand(Option<string?> appData)
    {
        var state = new Option<TagBatchState?>("--state") { Description = "Only batches in this state." };
        var command = new Command("list", "List the newest batches.") { state };
        command.SetAction((parse, cancellationToken) => Output.GuardAsync(async () =>
        {
            using var host = await FactoryHost.StartAsync(parse.GetValue(appData), cancellationToken);
            var rows = await host.Services.GetRequiredService<IMediator>().Send(new ListTagBatchesQuery(parse.GetValue(state)), cancellationToken);
            var zone = host.Services.GetRequiredService<PointsSettings>().Zone;
            var table = new Table().AddColumns("Id", "Batch", "SKU", "Product", "Tags", "Partner", "State", "Created");
            foreach (var row in rows)
            {
                table.AddRow(row.Id.ToString(CultureInfo.InvariantCulture), row.Number, row.Sku, Markup.Escape(row.ProductName), row.Quantity.ToString("N0", CultureInfo.CurrentCulture),
                    Markup.Escape(row.PartnerName ?? "—"), row.State.ToString(), $"{ClubTimeText(row.CreatedAt, zone)} {Markup.Escape(row.CreatedBy)}");
            }

            AnsiConsole.Write(table);
            return Output.Ok;
        }));
        return command;
    }

    private static Command ShowCommand(Option<string?> appData)
    {
        var id = new Argument<int>("id") { Description = "Batch id (the number after B, without zeros is fine)." };
        var command = new Command("show", "Show one batch with its tag counts.") { id };
        command.SetAction((parse, cancellationToken) => Output.GuardAsync(async () =>
        {
            using var host = await FactoryHost.StartAsync(parse.GetValue(appData), cancellationToken);
            var details = await host.Services.GetRequiredService<IMediator>().Send(new GetTagBatchQuery(parse.GetValue(id)), cancellationToken);
            var b = details.Batch;
            var zone = host.Services.GetRequiredService<PointsSettings>().Zone;
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("Batch", $"{b.Number} (id {b.Id})");
            grid.AddRow("Product", Markup.Escape($"{b.Sku} {b.ProductName}"));
            grid.AddRow("Tags", $"{b.Quantity:N0} (ids {b.FirstTagId:N0}–{b.FirstTagId + b.Quantity - 1:N0})");
            grid.AddRow("Issued / voided / registered", $"{details.IssuedTags:N0} / {details.VoidedTags:N0} / {details.RegisteredTags:N0}");
            grid.AddRow("Partner", Markup.Escape(b.PartnerName ?? "—"));
            grid.AddRow("State", b.State.ToString());
            grid.AddRow("Template", Markup.Escape(b.TemplateName));
            grid.AddRow("Created", Markup.Escape($"{ClubTimeText(b.CreatedAt, zone)} by {b.CreatedBy}"));
            grid.AddRow("Printed / shipped / active / void", $"{ClubTimeText(details.PrintedAt, zone)} / {ClubTimeText(details.ShippedAt, zone)} / {ClubTimeText(details.ActivatedAt, zone)} / {ClubTimeText(details.VoidedAt, zone)}");
            if (details.Note is not null)
            {
                grid.AddRow("Note", Markup.Escape(details.Note));
            }

            AnsiConsole.Write(grid);
            return Output.Ok;
        }));
        return command;
    }

    private static Command StateCommand(Option<string?> appData, string name, string description, TagBatchState target, bool withPartner = false)
    {
        var id = new Argument<int>("id") { Description = "Batch id." };
        var partner = new Option<string?>("--partner") { Description = "Partner the batch goes to (if not given at creation).", Required = false };
        var note = new Option<string?>("--note") { Description = "A note kept with the batch." };
        var acceptUnreadable = new Option<bool>("--accept-unreadable") { Description = "Mark printed although the latest proof ('labels verify') has unreadable labels." };
        var command = new Command(name, description) { id, note };
        if (withPartner)
        {
            command.Options.Add(partner);
        }

        if (target == TagBatchState.Printed)
        {
            command.Options.Add(acceptUnreadable);
        }

        command.SetAction((parse, cancellationToken) => Output.GuardAsync(async () =>
        {
            using var host = await FactoryHost.StartAsync(parse.GetValue(appData), cancellationToken);
            var result = await host.Services.GetRequiredService<IMediator>().Send(
                new ChangeTagBatchStateCommand(parse.GetValue(id), target, withPartner ? parse.GetValue(partner) : null, parse.GetValue(note), parse.GetValue(acceptUnreadable)), cancellationToken);
            if (!result.Succeeded)
            {
                return Output.Error(result.Errors[0].ErrorMessage!);
            }

            AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture, $"[green]Batch {TagBatch.FormatNumber(parse.GetValue(id))} is now {target}.[/]");
            return Output.Ok;
        }));
        return command;
    }

    private static Command VoidCommand(Option<string?> appData)
    {
        var id = new Argument<int>("id") { Description = "Batch id." };
        var serials = new Option<string[]>("--serial") { Description = "Serial of a spoiled label (repeat the option for several).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "First serial of a spoiled range." };
        var to = new Option<string?>("--to") { Description = "Last serial of a spoiled range." };
        var all = new Option<bool>("--all") { Description = "Void the whole batch (every tag reads as void)." };
        var note = new Option<string?>("--note") { Description = "Why the batch is voided." };
        var command = new Command("void", "Void spoiled labels of a batch (--serial, or --from/--to), or the whole batch (--all).") { id, serials, from, to, all, note };
        command.SetAction((parse, cancellationToken) => Output.GuardAsync(async () =>
        {
            var list = parse.GetValue(serials) ?? [];
            var (first, last) = (parse.GetValue(from), parse.GetValue(to));
            if ((first is null) != (last is null))
            {
                return Output.Usage("--from and --to go together.");
            }

            // Voiding a whole batch cannot be undone: it is never what a bare 'void 12' means.
            var whole = parse.GetValue(all);
            if (whole == (list.Length > 0 || first is not null))
            {
                return Output.Usage("Give either --all (the whole batch) or the spoiled labels (--serial, or --from and --to).");
            }

            using var host = await FactoryHost.StartAsync(parse.GetValue(appData), cancellationToken);
            var mediator = host.Services.GetRequiredService<IMediator>();
            if (whole)
            {
                var result = await mediator.Send(new ChangeTagBatchStateCommand(parse.GetValue(id), TagBatchState.Voided, Note: parse.GetValue(note)), cancellationToken);
                if (!result.Succeeded)
                {
                    return Output.Error(result.Errors[0].ErrorMessage!);
                }

                AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture, $"[green]Batch {TagBatch.FormatNumber(parse.GetValue(id))} is void:[/] its tags read as void on the scan page.");
                return Output.Ok;
            }

            var voided = await mediator.Send(new VoidTagsCommand(parse.GetValue(id), list, first, last), cancellationToken);
            if (voided.Error is not null)
            {
                return Output.Error(voided.Error);
            }

            AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture, $"[green]{voided.Voided:N0} tag(s) voided.[/]");
            foreach (var rejected in voided.Rejected)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture, $"[yellow]Not a serial of this batch:[/] {rejected}");
            }

            return voided.Rejected.Count == 0 ? Output.Ok : Output.Failed;
        }));
        return command;
    }

    public static Spectre.Console.Progress Progress() =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn());

    private static string? DefaultTemplate() =>
        FactoryHost.SamplesLabels() is { } folder ? Path.Combine(folder, "a4-sheet-3x8.json") : null;

    private static bool CanWrite(string folder, out string why)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            why = "";
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            why = ex.Message;
            return false;
        }
    }
}
