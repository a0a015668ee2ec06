using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Application.Features.Verification;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Verification.BrandProtectionSupport;

namespace Club.Application.Tests.Features.Verification;

public class ScanAlertTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static int windows;

    [Fact]
    public async Task A_cloned_label_raises_exactly_one_alert_per_window_and_a_re_run_adds_none()
    {
        var (tagId, _) = await RegisteredTagAsync(partner: null);
        var window = NextWindow();
        var visitors = new ScanAlertSettings().ClonedLabelVisitors;
        await ScansAsync(tagId, window, visitors, Verdict.SomeoneElses);
        await ScansAsync(tagId, window, 3, Verdict.SomeoneElses, sameVisitor: true);

        var first = await EvaluateAsync(window);
        var again = await EvaluateAsync(window);

        first.Should().Be(1);
        again.Should().Be(0);
        await using var context = await CreateAsync(db);
        var alert = await context.ScanAlerts.SingleAsync(a => a.Subject == tagId);
        alert.Should().BeEquivalentTo(new { Rule = ScanAlertRule.ClonedLabel, WindowStart = window, Count = (long)visitors });
    }

    [Fact]
    public async Task One_visitor_fewer_than_the_threshold_raises_nothing_and_scans_outside_the_window_do_not_count()
    {
        var (tagId, _) = await RegisteredTagAsync(partner: null);
        var window = NextWindow();
        var visitors = new ScanAlertSettings().ClonedLabelVisitors;
        await ScansAsync(tagId, window, visitors - 1, Verdict.SomeoneElses);
        await ScansAsync(tagId, window + ScanAlertSettings.Window, 1, Verdict.SomeoneElses);

        (await EvaluateAsync(window)).Should().Be(0);
    }

    [Fact]
    public async Task Scans_of_withdrawn_unreleased_and_stolen_items_and_a_burst_of_well_formed_unknown_serials_each_raise_their_alert()
    {
        var window = NextWindow();
        var (stolen, owner) = await RegisteredTagAsync(partner: null);
        await db.SendAsync<Result>(new ReportItemLostCommand(owner.Id, owner.Serial, ItemLossKind.Stolen, new DateOnly(2019, 12, 1), null));
        await using (var context = await CreateAsync(db))
        {
            await context.Database.ExecuteSqlAsync($"UPDATE item_losses SET reported_at = {window.AddDays(-1)} WHERE tag_id = {stolen}");
        }

        await ScansAsync(stolen, window, 1, Verdict.SomeoneElses);
        await ScansAsync(900_000_001, window, 2, Verdict.Voided);
        await ScansAsync(900_000_002, window, 1, Verdict.NotReleased);
        var burst = new ScanAlertSettings().UnknownSerialScans;
        var log = db.Services.GetRequiredService<IScanLog>();
        for (var i = 0; i < burst; i++)
        {
            log.Add(new TagScan { ScannedAt = window.AddSeconds(i), ClientHash = Hash(i), Verdict = Verdict.NotGenuine, UnknownSerial = $"W{window.Ticks}{i}", WellFormed = true });
        }

        await log.FlushAsync();
        await EvaluateAsync(window);

        await using var check = await CreateAsync(db);
        var found = await check.ScanAlerts.Where(a => a.WindowStart == window).Select(a => new { a.Rule, a.Subject, a.Count }).ToListAsync();
        found.Should().BeEquivalentTo(new[]
        {
            new { Rule = ScanAlertRule.StolenItemScanned, Subject = stolen, Count = 1L },
            new { Rule = ScanAlertRule.WithdrawnTagScanned, Subject = 900_000_001L, Count = 2L },
            new { Rule = ScanAlertRule.UnreleasedTagScanned, Subject = 900_000_002L, Count = 1L },
            new { Rule = ScanAlertRule.UnknownSerialBurst, Subject = ScanAlert.SiteSubject, Count = (long)burst },
        });
    }

    [Fact]
    public async Task A_partner_manager_sees_and_acknowledges_only_alerts_about_their_partner_s_tags()
    {
        var (partnerManager, partner) = await PartnerManagerAsync(db);
        var (own, _) = await RegisteredTagAsync(partner);
        var (other, _) = await RegisteredTagAsync(partner: null);
        var window = NextWindow();
        var visitors = new ScanAlertSettings().ClonedLabelVisitors;
        await ScansAsync(own, window, visitors, Verdict.SomeoneElses);
        await ScansAsync(other, window, visitors, Verdict.SomeoneElses);
        await EvaluateAsync(window);

        var seen = await db.SendAsync<IReadOnlyList<ScanAlertItem>>(new ListScanAlertsQuery(partnerManager));
        var codes = db.Services.GetRequiredService<ITagCodes>();
        await using var context = await CreateAsync(db);
        var otherAlert = await context.ScanAlerts.Where(a => a.Subject == other).Select(a => a.Id).SingleAsync();
        var refused = await db.SendAsync<Result>(new AcknowledgeScanAlertCommand(partnerManager, otherAlert, "not mine"));
        var ownAlert = seen.Single(a => a.Serial == codes.SerialOf(own));
        var acknowledged = await db.SendAsync<Result>(new AcknowledgeScanAlertCommand(partnerManager, ownAlert.Id, "Проверили витрину"));

        seen.Select(a => a.Serial).Should().Contain(codes.SerialOf(own)).And.NotContain(codes.SerialOf(other));
        seen.Should().OnlyContain(a => a.PartnerName == partner);
        refused.Errors.Select(e => e.ErrorMessage).Should().Equal("No such alert.");
        acknowledged.Succeeded.Should().BeTrue();
        (await db.SendAsync<IReadOnlyList<ScanAlertItem>>(new ListScanAlertsQuery(await ManagerAsync(db), OpenOnly: true)))
            .Select(a => a.Id).Should().NotContain(ownAlert.Id).And.Contain(otherAlert);
    }

    [Fact]
    public async Task A_tag_under_attack_alert_counts_the_wrong_codes_of_its_window_not_the_tags_total_and_comes_once_per_window()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        var codes = db.Services.GetRequiredService<ITagCodes>();
        codes.TryDecodeSerial(tags[0].Serial, out var tagId);
        // Earlier attacks left a running total far above what this window will see.
        await using (var context = await CreateAsync(db))
        {
            await context.Database.ExecuteSqlAsync($"UPDATE tags SET failed_attempts = 40, last_wrong_code_at = now() - interval '2 days' WHERE id = {tagId}");
        }

        // Each guesser's first code of the day is checked even while the tag is paused.
        const int guesses = 6;
        for (var i = 0; i < guesses; i++)
        {
            var guesser = await TestTags.CreateBuyerAsync(db.Services);
            (await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(guesser.Id, tags[0].Serial, tags[1].ScratchCode, $"198.51.100.{100 + i}")))
                .Outcome.Should().Be(RegistrationOutcome.WrongCode);
        }

        await using var check = await CreateAsync(db);
        var windows = await check.TagWrongCodeWindows.AsNoTracking().Where(w => w.TagId == tagId).ToListAsync();
        foreach (var window in windows)
        {
            await EvaluateAsync(window.WindowStart);
            await EvaluateAsync(window.WindowStart);
        }

        windows.Sum(w => w.Wrong).Should().Be(guesses);
        var alerts = await check.ScanAlerts.AsNoTracking().Where(a => a.Rule == ScanAlertRule.TagUnderAttack && a.Subject == tagId).ToListAsync();
        alerts.Select(a => (a.WindowStart, (int)a.Count)).Should().BeEquivalentTo(
            windows.Where(w => w.Wrong >= new ScanAlertSettings().WrongCodesPerTag).Select(w => (w.WindowStart, w.Wrong)));
        alerts.Should().NotBeEmpty("six wrong codes within seconds fall in one window, or five of them do");
    }

    [Fact]
    public async Task Thresholds_are_checked_and_the_digest_mails_each_program_manager_once_a_day()
    {
        (await db.SendAsync<Result>(new SaveScanAlertSettingsCommand(0, 20, 5, true, 3, 24))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new SaveScanAlertSettingsCommand(10, 20, 5, true, 3, 24))).Succeeded.Should().BeTrue();
        var (tagId, _) = await RegisteredTagAsync(partner: null);
        var window = EvaluateScanAlertsHandler.WindowEnd(DateTimeOffset.UtcNow) - ScanAlertSettings.Window;
        await ScansAsync(tagId, window, 10, Verdict.SomeoneElses);
        await EvaluateAsync(window);

        var first = await db.SendAsync<int>(new SendScanAlertDigestCommand());
        await db.SendAsync<int>(new SendScanAlertDigestCommand());

        first.Should().BeGreaterThan(0);
        var manager = await ManagerAsync(db);
        await using var context = await CreateAsync(db);
        (await context.MailOutbox.CountAsync(m => m.MemberId == manager && m.Template == SendScanAlertDigestHandler.Template)).Should().Be(1);
    }

    /// <summary>A registered tag shipped to <paramref name="partner"/> (or the test stock); returns its id and its owner with the serial.</summary>
    private async Task<(long TagId, (Guid Id, string Serial) Owner)> RegisteredTagAsync(string? partner)
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1, onSale: partner is null);
        if (partner is not null)
        {
            await TestTags.PutOnSaleAsync(db.Services, batchId, partner);
        }

        var owner = await TestTags.CreateBuyerAsync(db.Services);
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(owner.Id, tags[0].Serial, tags[0].ScratchCode));
        db.Services.GetRequiredService<ITagCodes>().TryDecodeSerial(tags[0].Serial, out var tagId);
        return (tagId, (owner.Id, tags[0].Serial));
    }

    /// <summary>Scans in the given window, each from its own visitor unless <paramref name="sameVisitor"/>.</summary>
    private async Task ScansAsync(long tagId, DateTimeOffset window, int count, Verdict verdict, bool sameVisitor = false)
    {
        var log = db.Services.GetRequiredService<IScanLog>();
        for (var i = 0; i < count; i++)
        {
            log.Add(new TagScan { TagId = tagId, ScannedAt = window.AddSeconds(10 + i), ClientHash = Hash(sameVisitor ? 0 : i), Verdict = verdict });
        }

        await log.FlushAsync();
    }

    private Task<int> EvaluateAsync(DateTimeOffset window) =>
        db.SendAsync<int>(new EvaluateScanAlertsCommand { At = window + ScanAlertSettings.Window + TimeSpan.FromMinutes(1) });

    /// <summary>A window of its own per test, long past, so tests in one database do not see each other's scans.</summary>
    private static DateTimeOffset NextWindow() =>
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) + ScanAlertSettings.Window * (2 * Interlocked.Increment(ref windows));

    private static byte[] Hash(int visitor)
    {
        var hash = new byte[16];
        BitConverter.TryWriteBytes(hash, visitor);
        return hash;
    }
}
