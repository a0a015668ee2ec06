using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Contests;
using Club.Application.Features.Partners;
using Club.Application.Features.Promotions;
using Club.Application.Features.Registration;
using Club.Application.Features.Reports;
using Club.Application.Features.Sales;
using Club.Application.Features.Tags;
using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Domain.Tags;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Club.Application.Tests.Features.Reports;

/// <summary>
/// The partner's own figures in the report: its budget topped up and spent (from its ledger account), the
/// seller promotion bonuses and its contests, counted by hand; a second partner's never appear in the first
/// one's report or files.
/// </summary>
public class PartnerReportFiguresTests(ReportFixture db) : IClassFixture<ReportFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Budget_promotion_and_contest_figures_are_the_partners_own_in_the_page_and_the_files()
    {
        var p = await PartnerWithFiguresAsync(topUp: 1000, bonuses: [150, 50], contestWinnerPoints: 70);
        var q = await PartnerWithFiguresAsync(topUp: 400, bonuses: [300], contestWinnerPoints: 90);

        var report = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, q.PartnerId, Today, Today));

        report.Partners.Should().ContainSingle().Which.Should().Be(new PartnerTotals(p.PartnerId, p.Name, 1000, 200, 40));
        var contest = report.Contests.Should().ContainSingle("only the partner's own contest, not the other partner's").Subject;
        (contest.Title, contest.PartnerName, contest.Entrants, contest.Winners, contest.PointsPaid, contest.Prize)
            .Should().Be((p.Name + " contest", p.Name, 2, 1, 70, "Кулон"));

        var partnersCsv = Csv(ReportFiles.ToCsv(report, "en", ReportCsvRows.Partners));
        partnersCsv.Should().Equal("Partner;Budget topped up;Budget spent on bonuses;Seller promotion points", $"{p.Name};1000;200;40");
        var contestsCsv = Csv(ReportFiles.ToCsv(report, "ru", ReportCsvRows.Contests));
        contestsCsv.Should().HaveCount(2);
        contestsCsv[1].Should().StartWith($"{p.Name} contest;{p.Name};").And.EndWith(";2;1;70;Кулон");
        string.Join("\n", partnersCsv.Concat(contestsCsv)).Should().NotContain(q.Name);

        using var file = new MemoryStream(ReportFiles.ToXlsx(report, "ru"));
        var sheet = file.Query(useHeaderRow: true, sheetName: "Партнёры").Cast<IDictionary<string, object>>().Should().ContainSingle().Subject;
        ((string)sheet["Партнёр"], Number(sheet["Бюджет пополнен"]), Number(sheet["Бюджет потрачен на премии"]), Number(sheet["Баллов по акциям для продавцов"]))
            .Should().Be((p.Name, 1000, 200, 40));
        file.Position = 0;
        var contests = file.Query(useHeaderRow: true, sheetName: "Конкурсы").Cast<IDictionary<string, object>>().Should().ContainSingle().Subject;
        Number(contests["Баллов победителям"]).Should().Be(70);

        // Brand staff see every partner's line, each with its own numbers.
        var all = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(await db.IdOfAsync("manager@club.demo"), null, Today, Today));
        all.Partners.Single(x => x.PartnerId == q.PartnerId).Should().Be(new PartnerTotals(q.PartnerId, q.Name, 400, 300, 40));
        all.Contests.Where(c => c.PartnerName == q.Name).Should().ContainSingle().Which.PointsPaid.Should().Be(90);
    }

    [Fact]
    public async Task Figures_outside_the_period_are_left_out()
    {
        var p = await PartnerWithFiguresAsync(topUp: 500, bonuses: [100], contestWinnerPoints: 20);

        var lastYear = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(p.Manager, null, Today.AddDays(-380), Today.AddDays(-30)));

        lastYear.Partners.Should().ContainSingle().Which.Should().Be(new PartnerTotals(p.PartnerId, p.Name, 0, 0, 0));
        lastYear.Contests.Should().BeEmpty();
    }

    private static string[] Csv(byte[] file) =>
        System.Text.Encoding.UTF8.GetString(file).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static int Number(object value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private sealed record Fixture(int PartnerId, string Name, Guid Manager);

    /// <summary>
    /// A new partner with a shop, a manager and two sellers. The brand tops up its budget; the manager pays
    /// seller A the bonuses; a seller promotion of the partner (+40 on Весна earrings) pays A's confirmed
    /// sale; both sellers enter the partner's contest, and A is picked as the winner (winner points, a pendant).
    /// </summary>
    private async Task<Fixture> PartnerWithFiguresAsync(int topUp, int[] bonuses, int contestWinnerPoints)
    {
        var name = "Партнёр " + Guid.NewGuid().ToString("N")[..8];
        var (partnerId, shopId) = await db.WithScopeAsync<ClubDbContext, (int, int)>(async c =>
        {
            var partner = new Partner { Name = name };
            partner.Shops.Add(new Shop { Name = name + " 1", Address = new Address("Москва", "Тверская, 1") });
            c.Partners.Add(partner);
            await c.SaveChangesAsync();
            return (partner.Id, partner.Shops.Single().Id);
        });
        var manager = await AccountAsync(name + " менеджер", Roles.PartnerManager, partnerId, null);
        var a = await AccountAsync(name + " A", Roles.Seller, partnerId, shopId);
        var b = await AccountAsync(name + " B", Roles.Seller, partnerId, shopId);
        var now = DateTimeOffset.UtcNow;

        (await db.SendAsync<Result>(new TopUpPartnerBudgetCommand(Guid.NewGuid(), partnerId, topUp))).Succeeded.Should().BeTrue();
        foreach (var bonus in bonuses)
        {
            (await db.SendAsync<Result>(new AwardPartnerBonusCommand(Guid.NewGuid(), manager, a, bonus))).Succeeded.Should().BeTrue();
        }

        (await db.SendAsync<Result>(new CreatePromotionCommand("tests", name + " promotion", name, null, null, now.AddHours(-1), now.AddDays(1), 40, 1m)
        {
            ForSellers = true,
            ProductSku = "AQ-SPR-E01",
        })).Succeeded.Should().BeTrue();
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1, "AQ-SPR-E01", onSale: false);
        foreach (var (state, partner) in new[] { (TagBatchState.Printed, null), (TagBatchState.Shipped, name), (TagBatchState.Active, null) })
        {
            (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, state, partner))).Succeeded.Should().BeTrue();
        }

        (await db.SendAsync<RecordSaleResult>(new RecordSaleCommand(a, tags[0].Serial))).Recorded.Should().BeTrue();
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand((await TestTags.CreateBuyerAsync(db.Services)).Id, tags[0].Serial, tags[0].ScratchCode));

        (await db.SendAsync<Result>(new CreateContestCommand(
            "tests", name + " contest", null, now.AddHours(-1), now.AddDays(1), 0, contestWinnerPoints, PartnerId: partnerId, Prize: "Кулон"))).Succeeded.Should().BeTrue();
        var contest = await db.WithScopeAsync<ClubDbContext, int>(c => c.Contests.Where(x => x.Title == name + " contest").Select(x => x.Id).SingleAsync());
        foreach (var seller in new[] { a, b })
        {
            (await db.SendAsync<Result>(new EnterContestCommand(seller, contest))).Succeeded.Should().BeTrue();
        }

        (await db.SendAsync<Result>(new PickContestWinnerCommand(contest, a))).Succeeded.Should().BeTrue();
        return new Fixture(partnerId, name, manager);
    }

    private Task<Guid> AccountAsync(string fullName, string role, int partnerId, int? shopId) =>
        db.WithScopeAsync<MemberAccounts, Guid>(async accounts =>
        {
            var unique = Guid.NewGuid().ToString("N")[..10];
            var result = await accounts.CreateAsync(new NewAccount(
                $"{role.ToLowerInvariant()}-{unique}@tests.example", $"+7 96{Random.Shared.Next(1, 9)} {Random.Shared.Next(1_000_000, 9_999_999)}", "report-pass-1",
                fullName, role, PartnerId: partnerId, ShopId: shopId, SellerStatus: role == Roles.Seller ? SellerStatus.Active : null));
            return result.Succeeded ? result.User!.Id : throw new InvalidOperationException(string.Join("; ", result.Errors));
        });
}
