using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Application.Features.Reports;
using Club.Application.Features.Sales;
using Club.Application.Features.Tags;
using Club.Application.Features.Training;
using Club.Application.Tests.Features.Training;
using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Domain.Reports;
using Club.Domain.Tags;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence;
using Club.Testing;
using MiniExcelLibs;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Reports;

/// <summary>Mail goes to a recorder, so the tests can read what each manager was sent.</summary>
public sealed class ReportFixture : DatabaseFixture
{
    public RecordingOutbox Mail { get; } = new();

    protected override void Configure(IServiceCollection services) => services.AddSingleton<IMailOutbox>(Mail);
}

public sealed class RecordingOutbox : IMailOutbox
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MemberMail> sent = new();

    public IReadOnlyDictionary<string, MemberMail> Sent => sent;

    public Task EnqueueAsync(string idempotencyKey, MemberMail mail, CancellationToken cancellationToken = default)
    {
        sent.TryAdd(idempotencyKey, mail);
        return Task.CompletedTask;
    }
}

/// <summary>
/// One partner built from scratch (two shops, three sellers, a manager) whose figures are counted by
/// hand below; the demo partners around it must never leak into its report, its files or its mail.
/// </summary>
public class PartnerReportTests(ReportFixture db) : IClassFixture<ReportFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_report_matches_the_hand_counted_fixture()
    {
        var p = await PartnerWithActivityAsync();

        var report = await ReportAsync(p.Manager);

        report.PartnerName.Should().Be(p.Name);
        Row(report.Sellers, "A").Should().BeEquivalentTo(Expected(buyers: 2, items: 3, recorded: 3, confirmed: 3, courses: 1, tests: 1, earned: 3 * 50 + 100 + 200));
        Row(report.Sellers, "B").Should().BeEquivalentTo(Expected(buyers: 1, items: 1, recorded: 1, confirmed: 1, courses: 0, tests: 0, earned: 50));
        Row(report.Sellers, "C").Should().BeEquivalentTo(Expected(buyers: 0, items: 0, recorded: 1, confirmed: 0, courses: 0, tests: 0, earned: 0));
        // Shop 1: A and B; buyer X bought from A only, Y from A and B, so two distinct buyers.
        Row(report.Shops, "1").Should().BeEquivalentTo(Expected(buyers: 2, items: 4, recorded: 4, confirmed: 4, courses: 1, tests: 1, earned: 500));
        Row(report.Shops, "2").Should().BeEquivalentTo(Expected(buyers: 0, items: 0, recorded: 1, confirmed: 0, courses: 0, tests: 0, earned: 0));
        report.Weeks.Should().ContainSingle().Which.Items.Should().Be(4);
        report.TopSellers(10).Select(s => s.Name).Should().Equal(p.Name + " A", p.Name + " B");

        var lastYear = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, null, Today.AddYears(-1), Today.AddYears(-1).AddDays(30)));
        lastYear.Sellers.Should().OnlyContain(s => s.RegisteredItems == 0 && s.SalesRecorded == 0 && s.PointsEarned == 0);
    }

    [Fact]
    public async Task Sorting_by_a_column_orders_both_tables_and_the_files_follow()
    {
        var p = await PartnerWithActivityAsync();

        var report = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, null, Today, Today, nameof(ReportRow.SalesRecorded), Descending: false));

        report.Sellers.Select(s => s.SalesRecorded).Should().BeInAscendingOrder();
        var csv = System.Text.Encoding.UTF8.GetString(ReportFiles.ToCsv(report, "en")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].Should().StartWith("Partner;Shop;Seller;Registered buyers");
        csv.Skip(1).Take(3).Select(line => line.Split(';')[2]).Should().Equal(report.Sellers.Select(s => s.Name));
        csv[1].Should().Be(string.Join(';', p.Name, report.Sellers[0].ShopName, report.Sellers[0].Name, "1", "1", "1", "1", "0", "0", "50", "0"), "B and C sold one each; B comes first by name");
    }

    [Fact]
    public async Task The_xlsx_opens_with_MiniExcel_and_holds_the_same_numbers()
    {
        var p = await PartnerWithActivityAsync();
        var report = await ReportAsync(p.Manager);

        using var file = new MemoryStream(ReportFiles.ToXlsx(report, "ru"));
        var rows = file.Query(useHeaderRow: true, sheetName: "Продавцы").Cast<IDictionary<string, object>>().ToList();

        rows.Should().HaveCount(3);
        rows[0].Keys.Should().Contain(["Продавец", "Зарегистрировано изделий", "Баллов начислено", "Тестов сдано"]);
        var a = rows.Single(r => (string)r["Продавец"] == p.Name + " A");
        Convert.ToInt32(a["Зарегистрировано изделий"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(3);
        Convert.ToInt32(a["Баллов начислено"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(450);
        Convert.ToInt32(a["Тестов сдано"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(1);
    }

    [Fact]
    public async Task A_partner_manager_gets_only_their_own_partner_whatever_they_ask_for()
    {
        var p = await PartnerWithActivityAsync();
        var demoManager = await db.IdOfAsync("partner@club.demo");
        var programManager = await db.IdOfAsync("manager@club.demo");

        var asked = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(demoManager, p.PartnerId, Today, Today));
        var all = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(programManager, null, Today, Today));
        var chosen = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(programManager, p.PartnerId, Today, Today));

        asked.PartnerId.Should().NotBe(p.PartnerId);
        asked.Sellers.Concat(asked.Shops).Should().NotContain(r => r.PartnerName == p.Name);
        all.PartnerId.Should().BeNull();
        all.Sellers.Should().Contain(r => r.PartnerName == p.Name).And.Contain(r => r.PartnerName != p.Name);
        chosen.Sellers.Should().HaveCount(3).And.OnlyContain(r => r.PartnerName == p.Name);
        (await db.SendAsync<IReadOnlyList<ReportPartner>>(new ListReportPartnersQuery(demoManager))).Should().BeEmpty();
        foreach (var outsider in new[] { p.SellerA, (await TestTags.CreateBuyerAsync(db.Services)).Id })
        {
            await db.Invoking(d => d.SendAsync<PartnerReport>(new GetPartnerReportQuery(outsider, p.PartnerId, Today, Today)))
                .Should().ThrowAsync<NotFoundException>();
        }
    }

    [Fact]
    public async Task Report_mail_goes_once_per_subscription_and_period_with_only_the_managers_partner()
    {
        var p = await PartnerWithActivityAsync();
        var other = await PartnerWithActivityAsync();
        (await db.SendAsync<Result>(new SubscribeToReportsCommand(p.Manager, ReportPeriod.Weekly))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new SubscribeToReportsCommand(other.Manager, ReportPeriod.Monthly))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new SubscribeToReportsCommand(p.SellerA, ReportPeriod.Monthly))).Succeeded.Should().BeFalse();

        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => db.SendAsync<int>(new SendDueReportsCommand())));
        var again = await db.SendAsync<int>(new SendDueReportsCommand());

        runs.Sum().Should().BeGreaterThanOrEqualTo(2);
        again.Should().Be(0);
        var week = SendDueReportsHandler.PreviousPeriod(ReportPeriod.Weekly, Today);
        var mine = db.Mail.Sent.Where(m => m.Value.MemberId == p.Manager).Should().ContainSingle().Subject;
        mine.Key.Should().EndWith(week.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        mine.Value.Template.Should().Be("PartnerReport");
        mine.Value.Values["Partner"].Should().Be(p.Name);
        using var xlsx = new MemoryStream(mine.Value.Attachments!.Single().Content);
        var names = xlsx.Query(useHeaderRow: true, sheetName: "Продавцы").Cast<IDictionary<string, object>>().Select(r => (string)r["Партнёр"]).ToList();
        names.Should().HaveCount(3).And.OnlyContain(n => n == p.Name);
        db.Mail.Sent.Values.Where(m => m.MemberId == other.Manager).Should().ContainSingle();
        (await db.SendAsync<int>(new SendDueReportsCommand())).Should().Be(0);
    }

    [Fact]
    public async Task Previous_periods_are_the_last_whole_week_and_month()
    {
        var wednesday = new DateOnly(2026, 11, 25);
        SendDueReportsHandler.PreviousPeriod(ReportPeriod.Weekly, wednesday).Should().Be((new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)));
        SendDueReportsHandler.PreviousPeriod(ReportPeriod.Monthly, wednesday).Should().Be((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)));
        SendDueReportsHandler.PreviousPeriod(ReportPeriod.Weekly, new DateOnly(2026, 11, 23)).From.Should().Be(new DateOnly(2026, 11, 16));
        await Task.CompletedTask;
    }

    private Task<PartnerReport> ReportAsync(Guid manager) => db.SendAsync<PartnerReport>(new GetPartnerReportQuery(manager, null, Today, Today));

    private static ReportRow Row(IEnumerable<ReportRow> rows, string suffix) => rows.Single(r => r.Name.EndsWith(" " + suffix, StringComparison.Ordinal));

    private static object Expected(int buyers, int items, int recorded, int confirmed, int courses, int tests, int earned) => new
    {
        RegisteredBuyers = buyers, RegisteredItems = items, SalesRecorded = recorded, SalesConfirmed = confirmed,
        CoursesCompleted = courses, TestsPassed = tests, PointsEarned = earned, PointsSpent = 0,
    };

    private sealed record Fixture(int PartnerId, string Name, Guid Manager, Guid SellerA);

    /// <summary>
    /// Partner with shops "1" (sellers A, B) and "2" (seller C). Five tags: A sells 0–2, B 3, C 4; buyer X
    /// registers 0 and 1, Y registers 2 and 3; nobody registers 4. A completes a course (100) and passes
    /// its test (200). Sales pay 50 each.
    /// </summary>
    private async Task<Fixture> PartnerWithActivityAsync()
    {
        var name = "Партнёр " + Guid.NewGuid().ToString("N")[..8];
        var (partnerId, shops) = await db.WithScopeAsync<ClubDbContext, (int, int[])>(async c =>
        {
            var partner = new Partner { Name = name };
            partner.Shops.Add(new Shop { Name = name + " 1", Address = new Address("Москва", "Тверская, 1") });
            partner.Shops.Add(new Shop { Name = name + " 2", Address = new Address("Москва", "Арбат, 2") });
            c.Partners.Add(partner);
            await c.SaveChangesAsync();
            return (partner.Id, partner.Shops.Select(s => s.Id).ToArray());
        });
        var manager = await AccountAsync(name + " менеджер", Roles.PartnerManager, partnerId, null);
        var a = await AccountAsync(name + " A", Roles.Seller, partnerId, shops[0]);
        var b = await AccountAsync(name + " B", Roles.Seller, partnerId, shops[0]);
        var c = await AccountAsync(name + " C", Roles.Seller, partnerId, shops[1]);

        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 5);
        foreach (var (state, partner) in new[] { (TagBatchState.Printed, null), (TagBatchState.Shipped, name), (TagBatchState.Active, null) })
        {
            (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, state, partner))).Succeeded.Should().BeTrue();
        }

        foreach (var (seller, tag) in new[] { (a, 0), (a, 1), (a, 2), (b, 3), (c, 4) })
        {
            (await db.SendAsync<RecordSaleResult>(new RecordSaleCommand(seller, tags[tag].Serial))).Recorded.Should().BeTrue();
        }

        var x = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var y = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        foreach (var (buyer, tag) in new[] { (x, 0), (x, 1), (y, 2), (y, 3) })
        {
            await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[tag].Serial, tags[tag].ScratchCode));
        }

        var course = await TrainingSupport.CourseAsync(db, lessons: 1, completionPoints: 100, testPoints: 200);
        var lesson = (await TrainingSupport.CourseForEditingAsync(db, course))!.Lessons[0];
        (await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(a, lesson.Id))).CourseCompleted.Should().BeTrue();
        var attempt = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(a, course));
        (await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(a, attempt.AttemptId!.Value, await TrainingSupport.AnswersAsync(db, course, right: true))))
            .Passed.Should().BeTrue();
        return new Fixture(partnerId, name, manager, a);
    }

    private Task<Guid> AccountAsync(string fullName, string role, int partnerId, int? shopId) =>
        db.WithScopeAsync<MemberAccounts, Guid>(async accounts =>
        {
            var unique = Guid.NewGuid().ToString("N")[..10];
            var result = await accounts.CreateAsync(new NewAccount(
                $"{role.ToLowerInvariant()}-{unique}@tests.example", $"+7 97{Random.Shared.Next(1, 9)} {Random.Shared.Next(1_000_000, 9_999_999)}", "report-pass-1",
                fullName, role, PartnerId: partnerId, ShopId: shopId, SellerStatus: role == Roles.Seller ? SellerStatus.Active : null));
            return result.Succeeded ? result.User!.Id : throw new InvalidOperationException(string.Join("; ", result.Errors));
        });
}
