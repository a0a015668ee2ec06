using Club.Application.Abstractions;
using Club.Application.Features.Tags;
using Club.Domain.Tags;
using Club.Infrastructure.Labels;
using Club.Testing;
using SkiaSharp;
using static Club.Application.Tests.Features.Tags.TagBatchTestSupport;

namespace Club.Application.Tests.Features.Tags;

/// <summary>
/// Print proofs: a batch's labels are rendered to PDF as for the printer, rasterised at 300 dpi as a scan of
/// the printed sheets would be, and checked by the server's decoder.
/// </summary>
[LongRunning]
public class PrintProofTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<string> Templates() =>
        new(Directory.GetFiles(RepositoryRoot.Combine("samples", "labels"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task A_proof_of_every_sheet_reads_every_label_of_the_batch(string templateFile)
    {
        var template = LabelTemplate.Load(TemplatePath(templateFile));
        // Two sheets or more, the last one not full (unless one label fills a sheet): its unused cells are blank, not unreadable.
        var (batch, pdf) = await PrintedBatchAsync(templateFile, template.LabelsPerPage + 2);
        var sheets = (batch.Quantity + template.LabelsPerPage - 1) / template.LabelsPerPage;

        var report = await ProofAsync(batch.BatchId, templateFile, new ProofFile("proof.pdf", await File.ReadAllBytesAsync(pdf)));

        report.Succeeded.Should().BeTrue(report.Error?.Text);
        report.Sheets.Should().HaveCount(sheets);
        report.Count(ProofVerdict.Read).Should().Be(batch.Quantity);
        report.Count(ProofVerdict.Blank).Should().Be(sheets * template.LabelsPerPage - batch.Quantity);
        (report.Count(ProofVerdict.Unreadable), report.Missing).Should().Be((0, 0));
    }

    [Fact]
    public async Task A_label_with_its_code_covered_is_reported_unreadable_at_its_position_and_holds_back_marking_printed()
    {
        var template = LabelTemplate.Load(TemplatePath("a4-sheet-3x8.json"));
        var (batch, pdf) = await PrintedBatchAsync("a4-sheet-3x8.json", 24);
        // Position 5 is row 2, column 2: a grey rectangle over the middle of its QR code, as a smudge would.
        var (x, y) = template.LabelOrigin(4);
        var scan = Damage(await QrDecoder.ScanAsync(pdf, 1), x + template.Qr.XMm + 6, y + template.Qr.YMm + 6, template.Qr.SizeMm - 12);

        var report = await ProofAsync(batch.BatchId, "a4-sheet-3x8.json", new ProofFile("sheet-1.png", scan));

        var unreadable = report.Sheets.Single().Labels.Where(l => l.Verdict == ProofVerdict.Unreadable).ToList();
        unreadable.Select(l => (l.Position, l.Row, l.Column)).Should().Equal((5, 2, 2));
        report.Count(ProofVerdict.Read).Should().Be(23);
        report.Missing.Should().Be(1);

        var refused = await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batch.BatchId, TagBatchState.Printed));
        refused.Succeeded.Should().BeFalse();
        refused.Errors[0].ErrorMessage.Should().Contain("could not read: 1");
        var accepted = await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batch.BatchId, TagBatchState.Printed, AcceptUnreadableProof: true));
        accepted.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_new_clean_proof_lets_the_batch_be_marked_printed_without_confirming()
    {
        var template = LabelTemplate.Load(TemplatePath("a4-sheet-3x8.json"));
        var (batch, pdf) = await PrintedBatchAsync("a4-sheet-3x8.json", 3);
        var clean = await QrDecoder.ScanAsync(pdf, 1);
        var (x, y) = template.LabelOrigin(0);
        await ProofAsync(batch.BatchId, "a4-sheet-3x8.json", new ProofFile("smudged.png", Damage(clean, x + template.Qr.XMm + 6, y + template.Qr.YMm + 6, 16)));

        var report = await ProofAsync(batch.BatchId, "a4-sheet-3x8.json", new ProofFile("reprint.png", clean));

        report.Count(ProofVerdict.Read).Should().Be(3);
        (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batch.BatchId, TagBatchState.Printed))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_sheet_of_another_batch_and_a_sheet_scanned_twice_are_reported()
    {
        var (batch, pdf) = await PrintedBatchAsync("a4-sheet-3x8.json", 4);
        var (other, otherPdf) = await PrintedBatchAsync("a4-sheet-3x8.json", 2);
        var sheet = await QrDecoder.ScanAsync(pdf, 1);

        var report = await ProofAsync(batch.BatchId, "a4-sheet-3x8.json",
            new ProofFile("ours.png", sheet), new ProofFile("again.png", sheet), new ProofFile("theirs.png", await QrDecoder.ScanAsync(otherPdf, 1)));

        report.Sheets.Select(s => s.File).Should().Equal("ours.png", "again.png", "theirs.png");
        report.Sheets[0].Labels.Take(4).Should().OnlyContain(l => l.Verdict == ProofVerdict.Read);
        report.Sheets[1].Labels.Take(4).Should().OnlyContain(l => l.Verdict == ProofVerdict.Duplicate);
        report.Sheets[2].Labels.Take(2).Should().OnlyContain(l => l.Verdict == ProofVerdict.OtherBatch && l.OtherBatch == TagBatch.FormatNumber(other.BatchId));
        report.Missing.Should().Be(0);
    }

    [Fact]
    public async Task A_file_that_is_not_a_scan_is_refused_with_its_name_and_changes_nothing()
    {
        var (batch, _) = await PrintedBatchAsync("a4-sheet-3x8.json", 1);

        var report = await ProofAsync(batch.BatchId, "a4-sheet-3x8.json", new ProofFile("notes.txt", "not a picture"u8.ToArray()));

        (report.Error?.Text, report.ErrorFile).Should().Be(("This is not a JPEG, PNG or WebP picture.", "notes.txt"));
        (await db.SendAsync<TagBatchDetails>(new GetTagBatchQuery(batch.BatchId))).LatestProof.Should().BeNull();
    }

    private Task<PrintProofReport> ProofAsync(int batchId, string templateFile, params ProofFile[] files) =>
        db.SendAsync<PrintProofReport>(new VerifyPrintProofCommand(batchId, TemplatePath(templateFile), files));

    private async Task<(GeneratedTagBatch Batch, string Pdf)> PrintedBatchAsync(string templateFile, int quantity)
    {
        var folder = TempFolder();
        var created = await db.SendAsync<CreateTagBatchResult>(NewBatch(folder, quantity) with { TemplateName = templateFile });
        created.Succeeded.Should().BeTrue(created.Error?.Text);
        var rendered = await db.SendAsync<RenderLabelsResult>(new RenderLabelsCommand(created.Batch!.PrintFile, TemplatePath(templateFile), folder));
        return (created.Batch, rendered.Files.Single());
    }

    private static string TemplatePath(string file) => RepositoryRoot.Combine("samples", "labels", file);

    /// <summary>The scan with a filled grey square drawn over it, at a position in mm of the 300 dpi page.</summary>
    private static byte[] Damage(byte[] png, double xMm, double yMm, double sizeMm)
    {
        using var bitmap = SKBitmap.Decode(png);
        using (var canvas = new SKCanvas(bitmap))
        {
            static float Px(double mm) => (float)(mm / 25.4 * QrDecoder.Dpi);
            canvas.DrawRect(Px(xMm), Px(yMm), Px(sizeMm), Px(sizeMm), new SKPaint { Color = new SKColor(90, 90, 90) });
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
