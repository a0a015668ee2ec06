using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tags;

/// <summary>A scan or photo of printed sheets: a PNG or JPEG picture of one sheet, or a PDF of several.</summary>
public sealed record ProofFile(string Name, byte[] Content);

/// <summary>
/// Checks a print proof before a run ships: every QR code on the scanned sheets is decoded on the server
/// and reported by sheet and position, as read (a label of this batch), unreadable, a serial of another
/// batch, not one of our codes, or a duplicate; the batch's labels seen on no sheet are missing from the
/// proof. <paramref name="TemplatePath"/> is the batch's label template (null when it is no longer
/// available), which says where each label sits on a sheet. The summary is kept on the batch as its latest
/// proof (marking it printed with unreadable labels then needs a confirmation); the pictures are not kept.
/// </summary>
public sealed record VerifyPrintProofCommand(int BatchId, string? TemplatePath, IReadOnlyList<ProofFile> Files) : ICommand<PrintProofReport>
{
    /// <summary>As every upload of the site (RequestBodyLimit): a 300 dpi scan of a sheet is 1 to 5 MB as JPEG.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    public const int MaxFiles = 20;
}

public enum ProofVerdict
{
    Read,
    Unreadable,
    OtherBatch,
    NotOurs,
    Duplicate,

    /// <summary>Nothing printed in this cell (the last sheet of a batch is often not full).</summary>
    Blank,
}

/// <summary>
/// One label position of a sheet: 1-based, row by row as the template lays labels out; the serial read
/// there, and for a serial of another batch that batch's number.
/// </summary>
public sealed record ProofLabel(int Position, int Row, int Column, ProofVerdict Verdict, string? Serial, string? OtherBatch);

/// <summary>One scanned sheet: a picture, or one page (1-based) of a PDF.</summary>
public sealed record ProofSheet(string File, int Page, IReadOnlyList<ProofLabel> Labels);

/// <summary>
/// The proof's sheets, or why it could not be checked (and the file that is about, if any); the batch's
/// labels seen on no sheet, with the serials of the first few.
/// </summary>
public sealed record PrintProofReport(UserMessage? Error, string? ErrorFile, IReadOnlyList<ProofSheet> Sheets, int Missing, IReadOnlyList<string> MissingSerials)
{
    public const int MissingShown = 10;

    public bool Succeeded => Error is null;

    public int Count(ProofVerdict verdict) => Sheets.Sum(s => s.Labels.Count(l => l.Verdict == verdict));

    public static PrintProofReport Refused(UserMessage error, string? file = null) => new(error, file, [], 0, []);
}

public sealed class VerifyPrintProofHandler(IClubDbFactory dbFactory, IQrReader reader, ITagCodes codes, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<VerifyPrintProofCommand, PrintProofReport>
{
    public async ValueTask<PrintProofReport> Handle(VerifyPrintProofCommand command, CancellationToken cancellationToken)
    {
        if (command.Files.Count == 0 || command.Files.All(f => f.Content.Length == 0))
        {
            return PrintProofReport.Refused("Choose one or more scans or photos of the printed sheets.");
        }

        if (command.Files.Count > VerifyPrintProofCommand.MaxFiles)
        {
            return PrintProofReport.Refused(new UserMessage("At most {0} files per proof.", [VerifyPrintProofCommand.MaxFiles]));
        }

        if (command.Files.FirstOrDefault(f => f.Content.Length > VerifyPrintProofCommand.MaxFileBytes) is { } large)
        {
            return PrintProofReport.Refused(new UserMessage("The file is larger than {0} MB.", [VerifyPrintProofCommand.MaxFileBytes / (1024 * 1024)]), large.Name);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var batch = await db.TagBatches.SingleOrDefaultAsync(b => b.Id == command.BatchId, cancellationToken)
            ?? throw new NotFoundException("No such batch.");
        if (batch.State == TagBatchState.Voided)
        {
            return PrintProofReport.Refused("This batch is void; it cannot change any more.");
        }

        if (command.TemplatePath is null)
        {
            return PrintProofReport.Refused(new UserMessage("The batch's label template {0} is no longer available, so the label positions are unknown.", [batch.TemplateName]));
        }

        var scans = new List<(ProofFile File, ProofScan Scan)>();
        foreach (var file in command.Files.Where(f => f.Content.Length > 0))
        {
            var scan = await reader.ReadProofAsync(file.Content, command.TemplatePath, cancellationToken);
            if (scan.Error is not null)
            {
                return PrintProofReport.Refused(scan.Error, file.Name);
            }

            scans.Add((file, scan));
        }

        var report = await ClassifyAsync(db, batch, scans, cancellationToken);

        var before = new { batch.ProofCheckedAt, batch.ProofLabelsRead, batch.ProofUnreadable };
        (batch.ProofCheckedAt, batch.ProofLabelsRead, batch.ProofUnreadable) = (clock.GetUtcNow(), report.Count(ProofVerdict.Read), report.Count(ProofVerdict.Unreadable));
        await audit.RecordAsync(
            new AuditChange("batch.proof", "tag-batch", batch.Id.ToString(CultureInfo.InvariantCulture), before,
                new { batch.ProofCheckedAt, batch.ProofLabelsRead, batch.ProofUnreadable, OtherBatch = report.Count(ProofVerdict.OtherBatch), Duplicates = report.Count(ProofVerdict.Duplicate), report.Missing }),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    private async Task<PrintProofReport> ClassifyAsync(IClubDb db, TagBatch batch, List<(ProofFile File, ProofScan Scan)> scans, CancellationToken cancellationToken)
    {
        var decoded = scans.SelectMany(s => s.Scan.Sheets).SelectMany(cells => cells)
            .Select(c => TagIdOf(c.Text)).OfType<long>().Distinct().ToList();
        // Codes of other batches are named by their batch: one look-up for all of them.
        var foreign = decoded.Where(id => !batch.Contains(id)).ToList();
        var batchOfTag = await db.Tags.Where(t => foreign.Contains(t.Id)).Select(t => new { t.Id, t.BatchId }).ToDictionaryAsync(t => t.Id, t => t.BatchId, cancellationToken);

        var seen = new HashSet<long>();
        var sheets = new List<ProofSheet>();
        foreach (var (file, scan) in scans)
        {
            for (var page = 0; page < scan.Sheets.Count; page++)
            {
                var labels = scan.Sheets[page].Select((cell, slot) =>
                {
                    var (row, column) = (slot / scan.Columns + 1, slot % scan.Columns + 1);
                    var id = TagIdOf(cell.Text);
                    var (verdict, serial, other) = cell switch
                    {
                        { Blank: true } => (ProofVerdict.Blank, null, null),
                        { Text: null } => (ProofVerdict.Unreadable, null, null),
                        _ when id is not { } tagId => (ProofVerdict.NotOurs, null, null),
                        _ when batch.Contains(id.Value) => (seen.Add(id.Value) ? ProofVerdict.Read : ProofVerdict.Duplicate, codes.SerialOf(id.Value), null),
                        _ when batchOfTag.TryGetValue(id.Value, out var otherBatch) => (ProofVerdict.OtherBatch, codes.SerialOf(id.Value), TagBatch.FormatNumber(otherBatch)),
                        _ => (ProofVerdict.NotOurs, codes.SerialOf(id.Value), (string?)null),
                    };
                    return new ProofLabel(slot + 1, row, column, verdict, serial, other);
                }).ToList();
                sheets.Add(new ProofSheet(file.Name, page + 1, labels));
            }
        }

        var missing = MissingIds(batch, seen).Take(PrintProofReport.MissingShown).Select(codes.SerialOf).ToList();
        return new PrintProofReport(null, null, sheets, batch.Quantity - seen.Count, missing);
    }

    private static IEnumerable<long> MissingIds(TagBatch batch, HashSet<long> seen)
    {
        for (var id = batch.FirstTagId; id <= batch.LastTagId; id++)
        {
            if (!seen.Contains(id))
            {
                yield return id;
            }
        }
    }

    /// <summary>The tag id in a label's code, or null for any other text.</summary>
    private long? TagIdOf(string? text) =>
        TagScanUrl.SerialIn(text) is { } serial && codes.TryDecodeSerial(serial, out var id) == SerialCheck.Valid ? id : null;
}
