using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Application.Features.Reports;
using Club.Application.Features.Sales;
using Club.Application.Features.Tags;
using Club.Application.Features.Training;
using Club.Application.Tests.Features.Training;
using Club.Domain.Activities;
using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Domain.Reports;
using Club.Domain.Tags;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence;
using Club.Testing;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Club.Application.Features.Surveys;

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
[LongRunning]
public class PartnerReportTests(ReportFixture db) : IClassFixture<ReportFixture>
{
    // The club's day (the default zone, as the test host's): report days are the club's, so after 21:00 UTC
    // today's activity is on tomorrow's UTC date.
    private static readonly DateOnly Today = new Club.Application.Features.Points.PointsSettings().Today(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_report_matches_the_hand_counted_fixture()
    {
        var p = await PartnerWithActivityAsync();

        var report = await ReportAsync(p.Manager);

        report.PartnerName.Should().Be(p.Name);
        Row(report.Sellers, "A").Should().BeEquivalentTo(Expected(buyers: 2, items: 3, recorded: 3, confirmed: 3, courses: 1, tests: 1, earned: 3 * 50 + 100 + 200, ratings: 2, average: 4.50m));
        Row(report.Sellers, "B").Should().BeEquivalentTo(Expected(buyers: 1, items: 1, recorded: 1, confirmed: 1, courses: 0, tests: 0, earned: 50, ratings: 1, average: 2.00m));
        Row(report.Sellers, "C").Should().BeEquivalentTo(Expected(buyers: 0, items: 0, recorded: 1, confirmed: 0, courses: 0, tests: 0, earned: 0, ratings: 0, average: null));
        // Shop 1: A and B; buyer X bought from A only, Y from A and B, so two distinct buyers. Its ratings
        // are all three about A and B: (5 + 4 + 2) / 3 = 3.67, not the mean of their means (3.25).
        Row(report.Shops, "1").Should().BeEquivalentTo(Expected(buyers: 2, items: 4, recorded: 4, confirmed: 4, courses: 1, tests: 1, earned: 500, ratings: 3, average: 3.67m));
        Row(report.Shops, "2").Should().BeEquivalentTo(Expected(buyers: 0, items: 0, recorded: 1, confirmed: 0, courses: 0, tests: 0, earned: 0, ratings: 0, average: null));
        report.Weeks.Should().ContainSingle().Which.Items.Should().Be(4);
        report.TopSellers(10).Select(s => s.Name).Should().Equal(p.Name + " A", p.Name + " B");

        var lastYear = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, null, Today.AddYears(-1), Today.AddYears(-1).AddDays(30)));
        lastYear.Sellers.Should().OnlyContain(s => s.RegisteredItems == 0 && s.SalesRecorded == 0 && s.PointsEarned == 0 && s.Ratings == 0);
    }

    [Fact]
    public async Task Ratings_count_by_the_day_the_survey_was_answered()
    {
        var p = await PartnerWithActivityAsync();
        await AnsweredOnAsync(p.Survey, p.SellerA, DateTimeOffset.UtcNow.AddDays(-1));

        var today = await ReportAsync(p.Manager);
        var both = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, null, Today.AddDays(-1), Today));

        Row(today.Sellers, "A").Ratings.Should().Be(0);
        Row(today.Shops, "1").Should().BeEquivalentTo(new { Ratings = 1, AverageRating = 2.00m });
        Row(both.Sellers, "A").Should().BeEquivalentTo(new { Ratings = 2, AverageRating = 4.50m });
        Row(both.Shops, "1").Should().BeEquivalentTo(new { Ratings = 3, AverageRating = 3.67m });
    }

    [Fact]
    public async Task Sorting_by_a_column_orders_both_tables_and_the_files_follow()
    {
        var p = await PartnerWithActivityAsync();

        var report = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, null, Today, Today, nameof(ReportRow.SalesRecorded), Descending: false));

        report.Sellers.Select(s => s.SalesRecorded).Should().BeInAscendingOrder();
        var csv = System.Text.Encoding.UTF8.GetString(ReportFiles.ToCsv(report, "en", ReportCsvRows.Sellers)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].Should().StartWith("Partner;Shop;Seller;Registered buyers");
        csv.Skip(1).Take(3).Select(line => line.Split(';')[2]).Should().Equal(report.Sellers.Select(s => s.Name));
        csv[1].Should().Be(string.Join(';', p.Name, report.Sellers[0].ShopName, report.Sellers[0].Name, "1", "1", "1", "1", "0", "0", "0", "50", "0", "0", "2.00", "1"), "B and C sold one each; B comes first by name");
        csv[2].Should().EndWith(";0;;0", "C has no ratings: an empty average");
        var russian = System.Text.Encoding.UTF8.GetString(ReportFiles.ToCsv(report, "ru", ReportCsvRows.Sellers));
        russian.Should().Contain(";Средняя оценка;Оценок\r\n").And.Contain(";2,00;1\r\n");

        var byRating = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, null, Today, Today, nameof(ReportRow.AverageRating)));
        byRating.Sellers.Select(s => s.Name).Should().Equal(p.Name + " A", p.Name + " B", p.Name + " C");
        byRating.Shops.Select(s => s.AverageRating).Should().Equal(3.67m, null);
    }

    [Fact]
    public async Task Each_csv_holds_one_kind_of_row_so_a_column_sum_counts_each_sale_once()
    {
        var p = await PartnerWithActivityAsync();
        var report = await ReportAsync(p.Manager);
        var recorded = report.Sellers.Sum(s => s.SalesRecorded);
        recorded.Should().BePositive();

        foreach (var rows in new[] { ReportCsvRows.Sellers, ReportCsvRows.Shops })
        {
            var lines = System.Text.Encoding.UTF8.GetString(ReportFiles.ToCsv(report, "en", rows)).TrimStart('\uFEFF')
                .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var header = lines[0].Split(';');
            var column = Array.IndexOf(header, "Sales recorded");
            lines.Skip(1).Sum(line => int.Parse(line.Split(';')[column], CultureInfo.InvariantCulture)).Should().Be(recorded, $"the {rows} file counts each sale once");
            lines.Should().HaveCount(1 + (rows == ReportCsvRows.Sellers ? report.Sellers.Count : report.Shops.Count));
            header.Contains("Seller").Should().Be(rows == ReportCsvRows.Sellers);
        }
    }

    [Fact]
    public async Task Summing_registered_items_over_sellers_or_shops_counts_an_item_with_several_claims_once()
    {
        var p = await PartnerWithActivityAsync();
        var sellers = (await ReportAsync(p.Manager)).Sellers;
        var (b, c) = (sellers.Single(s => s.Name.EndsWith(" B", StringComparison.Ordinal)).SellerId!.Value, sellers.Single(s => s.Name.EndsWith(" C", StringComparison.Ordinal)).SellerId!.Value);
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1, onSale: false);
        foreach (var (state, partner) in new[] { (TagBatchState.Printed, null), (TagBatchState.Shipped, p.Name), (TagBatchState.Active, null) })
        {
            (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, state, partner))).Succeeded.Should().BeTrue();
        }

        // One item, three claims: C's declined by the buyer, then B named by the buyer (held for review).
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));
        var claim = await db.SendAsync<RecordSaleResult>(new RecordSaleCommand(c, tags[0].Serial));
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, claim.SaleId!.Value, false))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new NameSellerCommand(buyer, tags[0].Serial, SellerId: b))).Succeeded.Should().BeTrue();

        var report = await ReportAsync(p.Manager);

        report.Sellers.Sum(s => s.RegisteredItems).Should().Be(4 + 1, "the fixture's four items and this one, once");
        report.Shops.Sum(s => s.RegisteredItems).Should().Be(4 + 1);
        report.Weeks.Sum(w => w.Items).Should().Be(4 + 1);
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
        Convert.ToDecimal(a["Средняя оценка"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(4.50m);
        Convert.ToInt32(a["Оценок"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(2);
        rows.Single(r => (string)r["Продавец"] == p.Name + " C")["Средняя оценка"].Should().BeNull();
        using var shops = new MemoryStream(ReportFiles.ToXlsx(report, "ru"));
        var shop = shops.Query(useHeaderRow: true, sheetName: "Магазины").Cast<IDictionary<string, object>>().Single(r => (string)r["Магазин"] == p.Name + " 1");
        Convert.ToDecimal(shop["Средняя оценка"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(3.67m);
        Convert.ToInt32(shop["Оценок"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(3);
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
        asked.Sellers.Sum(r => r.Ratings).Should().Be(0, "the fixture's ratings are about its own sellers only");
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

        var week = SendDueReportsHandler.PreviousPeriod(ReportPeriod.Weekly, Today);
        await AnsweredOnAsync(p.Survey, null, new DateTimeOffset(week.From.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => db.SendAsync<int>(new SendDueReportsCommand())));
        var again = await db.SendAsync<int>(new SendDueReportsCommand());

        runs.Sum().Should().BeGreaterThanOrEqualTo(2);
        again.Should().Be(0);
        var mine = db.Mail.Sent.Where(m => m.Value.MemberId == p.Manager).Should().ContainSingle().Subject;
        mine.Key.Should().EndWith(week.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        mine.Value.Template.Should().Be("PartnerReport");
        mine.Value.Values["Partner"].Should().Be(p.Name);
        using var xlsx = new MemoryStream(mine.Value.Attachments!.Single().Content);
        var names = xlsx.Query(useHeaderRow: true, sheetName: "Продавцы").Cast<IDictionary<string, object>>().Select(r => (string)r["Партнёр"]).ToList();
        names.Should().HaveCount(3).And.OnlyContain(n => n == p.Name);
        var expected = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, null, week.From, week.To));
        xlsx.Position = 0;
        var mailed = xlsx.Query(useHeaderRow: true, sheetName: "Продавцы").Cast<IDictionary<string, object>>()
            .Select(r => (Name: (string)r["Продавец"], Ratings: Convert.ToInt32(r["Оценок"], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        mailed.Should().BeEquivalentTo(expected.Sellers.Select(s => (s.Name, s.Ratings)), "the mail carries the page's numbers");
        mailed.Sum(r => r.Ratings).Should().Be(3);
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

    private static object Expected(int buyers, int items, int recorded, int confirmed, int courses, int tests, int earned, int ratings, decimal? average) => new
    {
        RegisteredBuyers = buyers, RegisteredItems = items, SalesRecorded = recorded, SalesConfirmed = confirmed,
        CoursesCompleted = courses, TestsPassed = tests, PointsEarned = earned, PointsSpent = 0, Ratings = ratings, AverageRating = average,
    };

    private sealed record Fixture(int PartnerId, string Name, Guid Manager, Guid SellerA, int Survey);

    /// <summary>Dates the survey's responses (those rating one seller, or all) as answered at <paramref name="when"/>.</summary>
    private Task<int> AnsweredOnAsync(int survey, Guid? aboutSeller, DateTimeOffset when) =>
        db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlAsync($"""
            UPDATE survey_responses SET submitted_at = {when}
            WHERE survey_id = {survey} AND ({aboutSeller}::uuid IS NULL OR id IN (SELECT response_id FROM survey_answers WHERE seller_id = {aboutSeller}))
            """));

    /// <summary>
    /// Partner with shops "1" (sellers A, B) and "2" (seller C). Five tags: A sells 0–2, B 3, C 4; buyer X
    /// registers 0 and 1, Y registers 2 and 3; nobody registers 4. A completes a course (100) and passes
    /// its test (200). Sales pay 50 each. In a survey with two ratings about the seller and one about the
    /// brand, X rates the seller of their latest item (A) 5 and 4 and the brand 1; Y rates theirs (B) 2 and
    /// the brand 5, leaving the optional second rating out.
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

        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 5, onSale: false);
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

        var survey = (await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(
            null, "tests", name + " survey", null, SurveyTarget.Buyers, null, null, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), 0))).SurveyId!.Value;
        foreach (var (text, required, aboutSeller) in new[] { ("Seller, politeness", true, true), ("Seller, advice", false, true), ("Brand", true, false) })
        {
            (await db.SendAsync<Result>(new AddSurveyQuestionCommand(survey, text, QuestionKind.Rating, required, null, aboutSeller))).Succeeded.Should().BeTrue();
        }

        var q = (await db.SendAsync<SurveyDetail?>(new GetSurveyQuery(survey)))!.Questions.OrderBy(x => x.Position).Select(x => x.Id).ToList();
        foreach (var (buyer, ratings) in new[] { (x, new[] { "5", "4", "1" }), (y, new[] { "2", "", "5" }) })
        {
            var answers = q.Select((id, i) => (id, ratings[i])).ToDictionary(r => r.id, r => (IReadOnlyList<string>)[r.Item2]);
            (await db.SendAsync<Result>(new SubmitSurveyResponseCommand(buyer, survey, answers))).Succeeded.Should().BeTrue();
        }

        return new Fixture(partnerId, name, manager, a, survey);
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
