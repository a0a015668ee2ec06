using Club.Application.Features.Registration;
using Club.Application.Features.Tags;
using Club.Application.Features.Verification;
using Club.Application.Tests.Features.Catalog;
using Club.Application.Tests.Features.Registration;
using Club.Application.Tests.Features.Tags;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Audit.AuditAssert;
using static Club.Application.Tests.Features.Audit.AuditTestKit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>The factory's and the brand protection desk's actions: print proofs, voided tags, reports and alerts, each with the values before and after.</summary>
[Collection(AuditedActions.Name)]
public class AuditedBrandProtectionTests(AuditActorFixture db)
{
    private const string Template = "a4-sheet-3x8.json";

    [Fact]
    public async Task A_print_proof_and_voided_tags_are_logged_with_the_batchs_old_and_new_values()
    {
        var folder = TagBatchTestSupport.TempFolder();
        try
        {
            var created = await db.SendAsync<CreateTagBatchResult>(TagBatchTestSupport.NewBatch(folder, 3));
            var batch = created.Batch!;
            var template = RepositoryRoot.Combine("samples", "labels", Template);
            var pdf = (await db.SendAsync<RenderLabelsResult>(new RenderLabelsCommand(batch.PrintFile, template, folder))).Files.Single();
            var serials = TagBatchTestSupport.ReadPrintFile(batch.PrintFile).Select(r => r[0]).ToList();
            var proof = await db.SendAsync<PrintProofReport>(new VerifyPrintProofCommand(batch.BatchId, template, [new ProofFile("proof.pdf", await File.ReadAllBytesAsync(pdf))]));
            proof.Succeeded.Should().BeTrue(proof.Error?.Text);
            (await db.SendAsync<VoidTagsResult>(new VoidTagsCommand(batch.BatchId, [serials[1]]))).Voided.Should().Be(1);

            var proofRow = await RowAsync(db, "batch.proof", "tag-batch", Id(batch.BatchId));
            Changed(proofRow, "proofLabelsRead", null, 3);
            Changed(proofRow, "proofUnreadable", null, 0);
            Before(proofRow, "proofCheckedAt", null);
            AfterValue(proofRow, "proofCheckedAt").Should().NotBe("null");
            var voided = await RowAsync(db, "tags.void", "tag-batch", Id(batch.BatchId));
            Changed(voided, "state", TagState.Issued, TagState.Voided);
            After(voided, "voided", 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ending_a_tags_guessing_pause_is_logged_with_the_pause_it_ended()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var tagId = ItemDeskSupport.TagId(db, tags[0].Serial);
        var pausedUntil = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await db.QueryAsync(c => c.Database.ExecuteSqlAsync($"UPDATE tags SET guessing_paused_until = {pausedUntil} WHERE id = {tagId}"));

        await db.OkAsync(new EndGuessingPauseCommand(tags[0].Serial));

        Changed(await RowAsync(db, "tag.pause-end", "tag", Id(tagId)), "guessingPausedUntil", pausedUntil, null);
    }

    [Fact]
    public async Task A_tag_report_and_a_scan_alert_are_logged_with_their_old_and_new_status_and_notes()
    {
        var manager = await db.IdOfAsync("manager@club.demo");
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var owner = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(owner, tags[0].Serial, tags[0].ScratchCode));
        var reporter = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.OkAsync(new ReportTagProblemCommand(tags[0].Serial, reporter, "Уже зарегистрирована", null, null, null, "10.9.8.7"));
        var report = await db.QueryAsync(c => c.TagReports.Where(r => r.MemberId == reporter).Select(r => r.Id).SingleAsync());
        var alert = await db.QueryAsync(async c =>
        {
            var added = new ScanAlert { Rule = ScanAlertRule.ClonedLabel, Subject = 1, WindowStart = DateTimeOffset.UtcNow, Count = 12, CreatedAt = DateTimeOffset.UtcNow };
            c.ScanAlerts.Add(added);
            await c.SaveChangesAsync();
            return added.Id;
        });

        await db.OkAsync(new UpdateTagReportCommand(manager, report, TagReportStatus.Resolved, "Проверили", "Бирка подлинная."));
        await db.OkAsync(new AcknowledgeScanAlertCommand(manager, alert, "Магазин предупреждён"));

        var updated = await RowAsync(db, "tag-report.update", "tag-report", Id(report));
        Changed(updated, "status", TagReportStatus.New, TagReportStatus.Resolved);
        Changed(updated, "staffNotes", null, "Проверили");
        Changed(updated, "reply", null, "Бирка подлинная.");
        updated.MemberId.Should().Be(reporter);
        var acknowledged = await RowAsync(db, "scan-alert.acknowledge", "scan-alert", Id(alert));
        Changed(acknowledged, "notes", null, "Магазин предупреждён");
        Before(acknowledged, "acknowledgedAt", null);
        AfterValue(acknowledged, "acknowledgedAt").Should().NotBe("null");
    }
}
