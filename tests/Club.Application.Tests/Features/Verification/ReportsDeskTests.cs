using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Application.Features.Verification;
using Club.Domain.Verification;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Verification.BrandProtectionSupport;

namespace Club.Application.Tests.Features.Verification;

public class ReportsDeskTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Staff_set_a_status_and_notes_and_the_reply_is_mailed_to_the_reporter_once_and_audited()
    {
        var (reportId, reporter) = await ReportOnNewTagAsync(partner: null);
        var manager = await ManagerAsync(db);
        var command = new UpdateTagReportCommand(manager, reportId, TagReportStatus.Resolved, "Проверили в магазине", "Бирка подлинная, всё в порядке.");

        (await db.SendAsync<Result>(command)).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(command)).Succeeded.Should().BeTrue("saving the same reply again sends nothing more");

        await using var context = await CreateAsync(db);
        var report = await context.TagReports.SingleAsync(r => r.Id == reportId);
        report.Should().BeEquivalentTo(new { Status = TagReportStatus.Resolved, StaffNotes = "Проверили в магазине", Reply = "Бирка подлинная, всё в порядке." });
        var mails = await context.MailOutbox.Where(m => m.MemberId == reporter && m.Template == UpdateTagReportHandler.ReplyTemplate).ToListAsync();
        mails.Should().ContainSingle().Which.Values["Reply"].Should().Be("Бирка подлинная, всё в порядке.");
        (await context.AuditLog.CountAsync(a => a.Action == "tag-report.update" && a.EntityId == reportId.ToString())).Should().Be(2);
        var resolved = await db.SendAsync<IReadOnlyList<TagReportItem>>(new ListTagReportsQuery(manager, TagReportStatus.Resolved));
        resolved.Should().Contain(r => r.Id == reportId);
        (await db.SendAsync<IReadOnlyList<TagReportItem>>(new ListTagReportsQuery(manager, TagReportStatus.New))).Should().NotContain(r => r.Id == reportId);
    }

    [Fact]
    public async Task A_partner_manager_sees_and_works_only_reports_about_tags_shipped_to_their_partner()
    {
        var (partnerManager, partner) = await PartnerManagerAsync(db);
        var (own, _) = await ReportOnNewTagAsync(partner);
        var (other, _) = await ReportOnNewTagAsync(partner: null);
        var manager = await ManagerAsync(db);

        var seen = await db.SendAsync<IReadOnlyList<TagReportItem>>(new ListTagReportsQuery(partnerManager, PartnerId: null));
        var asked = await db.SendAsync<IReadOnlyList<TagReportItem>>(new ListTagReportsQuery(partnerManager, PartnerId: 999_999));
        var refused = await db.SendAsync<Result>(new UpdateTagReportCommand(partnerManager, other, TagReportStatus.Rejected, "not mine", null));

        seen.Select(r => r.Id).Should().Contain(own).And.NotContain(other);
        seen.Should().OnlyContain(r => r.PartnerName == partner);
        asked.Select(r => r.Id).Should().Contain(own).And.NotContain(other);
        refused.Errors.Select(e => e.ErrorMessage).Should().Equal("No such report.");
        (await db.SendAsync<IReadOnlyList<TagReportItem>>(new ListTagReportsQuery(manager))).Select(r => r.Id).Should().Contain([own, other]);
    }

    /// <summary>A buyer's report about someone else's registration of a new tag, shipped to <paramref name="partner"/> (or the test stock).</summary>
    private async Task<(long ReportId, Guid Reporter)> ReportOnNewTagAsync(string? partner)
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1, onSale: partner is null);
        if (partner is not null)
        {
            await TestTags.PutOnSaleAsync(db.Services, batchId, partner);
        }

        var owner = await TestTags.CreateBuyerAsync(db.Services);
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(owner.Id, tags[0].Serial, tags[0].ScratchCode));
        var reporter = await TestTags.CreateBuyerAsync(db.Services);
        var sent = await db.SendAsync<Result>(new ReportTagProblemCommand(tags[0].Serial, reporter.Id, "Уже зарегистрирована", null, null, null, $"10.9.{Random.Shared.Next(255)}.{Random.Shared.Next(255)}"));
        sent.Succeeded.Should().BeTrue();
        await using var context = await CreateAsync(db);
        return (await context.TagReports.Where(r => r.MemberId == reporter.Id).Select(r => r.Id).SingleAsync(), reporter.Id);
    }
}
