using Club.Application.Abstractions;
using Club.Application.Features.Sellers;
using Club.Application.Tests.Features.Sales;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Sellers;

/// <summary>The month's leaderboards: order and shared places, names as each seller chose, one partner's board per partner.</summary>
public class LeaderboardTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int SalePoints = 50;

    // The demo's year of history confirms sales up to the day before yesterday: this class's own database
    // drops them, so the boards hold only the sales each test makes.
    public Task InitializeAsync() =>
        db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlRawAsync("UPDATE sales SET state = 'Expired' WHERE state = 'Confirmed'"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sellers_are_ranked_by_points_ties_share_a_place_names_follow_each_choice_and_partners_stay_apart()
    {
        var anna = await db.SellerAsync(name: "Анна Петрова");
        var boris = await db.SellerAsync(name: "Борис Смирнов");
        var vera = await db.SellerAsync(name: "Вера Орлова");
        var outsider = await db.SellerAsync(name: "Олег Другой", notOf: anna.PartnerName);
        (await db.SendAsync<Result>(new ChooseNameToSellersCommand(anna.Id, "Full"))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new ChooseNameToSellersCommand(vera.Id, "Hidden"))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new ChooseNameToSellersCommand(vera.Id, "2"))).Succeeded.Should().BeFalse("only the names of the choices are accepted");

        await ConfirmedSalesAsync(anna, 2);
        await ConfirmedSalesAsync(boris, 1);
        await ConfirmedSalesAsync(vera, 1);
        await ConfirmedSalesAsync(outsider, 3);
        await db.RecordAsync(boris, (await db.ActiveTagsAsync(boris, 1))[0].Serial); // recorded, not confirmed: does not count

        var partnerBoard = await BoardAsync(boris, allPartners: false);
        // Boris and Vera tie: they share the place; which of them is listed first is not a rule.
        partnerBoard.Rows.Select(r => r.Place).Should().BeInAscendingOrder();
        partnerBoard.Rows.Select(r => (r.Place, r.Name, r.Sales, r.Points)).Should().BeEquivalentTo([
            (1, "Анна Петрова", 2, 2 * SalePoints),
            (2, "Б. С.", 1, SalePoints),
            (2, (string?)null, 1, SalePoints)]);
        partnerBoard.Rows.Where(r => r.IsMe).Should().ContainSingle().Which.Name.Should().Be("Б. С.");
        partnerBoard.PartnerName.Should().Be(anna.PartnerName);

        var overall = await BoardAsync(boris, allPartners: true);
        overall.Rows.Select(r => r.Place).Should().BeInAscendingOrder();
        overall.Rows.Select(r => (r.Place, r.Name, r.Points)).Should().BeEquivalentTo([
            (1, "О. Д.", 3 * SalePoints), (2, "Анна Петрова", 2 * SalePoints), (3, "Б. С.", SalePoints), (3, (string?)null, SalePoints)]);

        var theirBoard = await BoardAsync(outsider, allPartners: false);
        theirBoard.Rows.Should().ContainSingle().Which.Should().Be(new LeaderboardRow(1, "О. Д.", 3, 3 * SalePoints, IsMe: true),
            "a seller of another partner sees only their own partner's sellers");
    }

    [Fact]
    public async Task Any_month_text_shows_this_month_and_a_year_of_months_can_be_looked_back_at()
    {
        var seller = await db.SellerAsync();
        foreach (var month in new[] { null, "", "2026-13", "1900-01", "<script>", "9999-12" })
        {
            var board = await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(seller.Id, month, AllPartners: false));
            board.Month.Should().Be(board.Months[0]);
        }

        var thisMonth = await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(seller.Id, null, AllPartners: false));
        thisMonth.Months.Should().HaveCount(LeaderboardBoards.MonthsKept);
        var lastMonth = await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(seller.Id, thisMonth.Months[1], AllPartners: false));
        lastMonth.Month.Should().Be(thisMonth.Months[1]);
        lastMonth.Rows.Should().BeEmpty("sales confirmed this month are not last month's");
    }

    private async Task ConfirmedSalesAsync((Guid Id, string PartnerName) seller, int count)
    {
        foreach (var tag in await db.ActiveTagsAsync(seller, count))
        {
            (await db.RecordAsync(seller, tag.Serial)).Recorded.Should().BeTrue();
            await db.RegisterAsync(tag);
        }
    }

    private Task<Leaderboard> BoardAsync((Guid Id, string PartnerName) seller, bool allPartners) =>
        db.SendAsync<Leaderboard>(new GetLeaderboardQuery(seller.Id, null, allPartners));
}
