using Club.Application.Abstractions;
using Club.Application.Features.Sellers;
using Club.Application.Tests.Features.Points;
using Club.Application.Tests.Features.Sales;
using Club.Domain.Points;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Sellers;

/// <summary>
/// Closed months: the board is frozen when first read (later returns do not move it), sellers see their
/// place on it, and staff pay its first places as contest winnings exactly once, audited and mailed.
/// </summary>
public class LeaderboardPrizeTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int SalePoints = 50;

    // The demo's confirmed sales are dropped (as in LeaderboardTests), so each board holds this class's sales only.
    public Task InitializeAsync() =>
        db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlRawAsync("UPDATE sales SET state = 'Expired' WHERE state = 'Confirmed'"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_closed_months_board_is_frozen_at_first_read_and_later_returns_do_not_change_it()
    {
        var anna = await db.SellerAsync(name: "Анна Первая");
        var boris = await db.SellerAsync(name: "Борис Второй");
        // Two months back: each test of the class freezes a month of its own.
        var month = await MonthAgoAsync(anna.Id, 2);
        var annaSales = await SalesConfirmedInAsync(anna, 2, month);
        await SalesConfirmedInAsync(boris, 1, month);

        var first = await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(boris.Id, month, AllPartners: false));
        // The all-partners board is frozen on its own first read, before the return too.
        var allPartners = await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(boris.Id, month, AllPartners: true));
        allPartners.Rows.Where(r => r.IsMe).Should().ContainSingle().Which.Place.Should().Be(2);
        (await db.SendAsync<PrizeBoard>(new GetPrizeBoardQuery(month, null))).Rows.Select(r => r.FullName).Should().Equal("Анна Первая", "Борис Второй");
        // One of Anna's sales is returned after the month closed: the frozen board keeps it.
        await SqlAsync($"UPDATE sales SET state = 'Returned' WHERE id = {annaSales[0]}");
        var again = await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(boris.Id, month, AllPartners: false));

        first.Final.Should().BeTrue();
        first.Rows.Select(r => (r.Place, r.Sales, r.Points, r.IsMe)).Should().Equal((1, 2, 2 * SalePoints, false), (2, 1, SalePoints, true));
        again.Rows.Should().BeEquivalentTo(first.Rows, o => o.WithStrictOrdering(), "a closed month's board is frozen");
        var thisMonth = await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(boris.Id, null, AllPartners: false));
        thisMonth.Final.Should().BeFalse();
    }

    [Fact]
    public async Task Prizes_from_a_closed_month_are_paid_once_under_ten_parallel_awards_audited_and_mailed()
    {
        var anna = await db.SellerAsync(name: "Анна Призовая");
        var boris = await db.SellerAsync(name: "Борис Призовой");
        var vera = await db.SellerAsync(name: "Вера Без приза");
        var lastMonth = await LastMonthAsync(anna.Id);
        await SalesConfirmedInAsync(anna, 3, lastMonth);
        await SalesConfirmedInAsync(boris, 2, lastMonth);
        await SalesConfirmedInAsync(vera, 1, lastMonth);
        var partner = await PartnerOfAsync(anna.Id);
        var before = await BalancesAsync(anna.Id, boris.Id, vera.Id);

        var awards = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            db.SendAsync<Result>(new AwardLeaderboardPrizesCommand("tests", lastMonth, partner, Places: 2, Points: 500)))));

        awards.Count(a => a.Succeeded).Should().Be(1);
        awards.Where(a => !a.Succeeded).Should().OnlyContain(a => a.Errors[0].ErrorMessage == AwardLeaderboardPrizesHandler.AlreadyAwarded);
        (await BalancesAsync(anna.Id, boris.Id, vera.Id)).Should().Equal(before[0] + 500, before[1] + 500, before[2]);
        var wins = await db.WithScopeAsync<ClubDbContext, int>(c => c.PointsEntries.CountAsync(e => e.Reason == PointsReason.ContestWon
            && (e.MemberId == anna.Id || e.MemberId == boris.Id || e.MemberId == vera.Id)));
        wins.Should().Be(2);
        var mailed = await db.WithScopeAsync<ClubDbContext, List<Guid>>(c => c.MailOutbox.Where(m => m.Template == "ContestWon").Select(m => m.MemberId).ToListAsync());
        mailed.Should().Contain([anna.Id, boris.Id]).And.NotContain(vera.Id);
        mailed.Count(m => m == anna.Id).Should().Be(1);
        (await db.WithScopeAsync<ClubDbContext, int>(c => c.AuditLog.CountAsync(a => a.Action == "leaderboard.prizes"))).Should().Be(1);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();

        var board = await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(vera.Id, lastMonth, AllPartners: false));
        board.Prize.Should().Match<LeaderboardPrize>(p => p.Places == 2 && p.Points == 500);
        board.Rows.Single(r => r.IsMe).Place.Should().Be(3);
        var staff = await db.SendAsync<PrizeBoard>(new GetPrizeBoardQuery(lastMonth, partner));
        staff.Rows.Select(r => r.FullName).Should().Equal("Анна Призовая", "Борис Призовой", "Вера Без приза");
        staff.Prize.Should().NotBeNull();
    }

    [Fact]
    public async Task Prizes_are_refused_for_this_month_an_unknown_partner_or_impossible_numbers_and_nothing_is_paid()
    {
        var seller = await db.SellerAsync();
        var thisMonth = (await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(seller.Id, null, AllPartners: false))).Month;
        var lastMonth = await LastMonthAsync(seller.Id);
        var awardedBefore = await AwardedBoardsAsync();

        foreach (var command in new[]
                 {
                     new AwardLeaderboardPrizesCommand("tests", thisMonth, null, 3, 100),
                     new AwardLeaderboardPrizesCommand("tests", "<script>", null, 3, 100),
                     new AwardLeaderboardPrizesCommand("tests", lastMonth, -5, 3, 100),
                     new AwardLeaderboardPrizesCommand("tests", lastMonth, null, 0, 100),
                     new AwardLeaderboardPrizesCommand("tests", lastMonth, null, 3, 0),
                 })
        {
            (await db.SendAsync<Result>(command)).Succeeded.Should().BeFalse(command.ToString());
        }

        (await AwardedBoardsAsync()).Should().Be(awardedBefore);
    }

    private Task<string> LastMonthAsync(Guid seller) => MonthAgoAsync(seller, 1);

    private async Task<string> MonthAgoAsync(Guid seller, int months) =>
        (await db.SendAsync<Leaderboard>(new GetLeaderboardQuery(seller, null, AllPartners: false))).Months[months];

    /// <summary>Confirmed sales of the seller, moved to the 15th of <paramref name="month"/> (the club's month); their ids.</summary>
    private async Task<List<long>> SalesConfirmedInAsync((Guid Id, string PartnerName) seller, int count, string month)
    {
        var ids = new List<long>();
        foreach (var tag in await db.ActiveTagsAsync(seller, count))
        {
            var recorded = await db.RecordAsync(seller, tag.Serial);
            await db.RegisterAsync(tag);
            ids.Add(recorded.SaleId!.Value);
        }

        var day = DateTimeOffset.ParseExact(month + "-15 12:00 +00:00", "yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);
        var sales = ids.ToArray();
        await SqlAsync($"UPDATE sales SET confirmed_at = {day}, recorded_at = {day} WHERE id = ANY({sales})");
        return ids;
    }

    private Task<int> AwardedBoardsAsync() => db.WithScopeAsync<ClubDbContext, int>(c => c.LeaderboardMonths.CountAsync(b => b.PrizeContestId != null));

    private Task<int> SqlAsync(FormattableString sql) => db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlAsync(sql));

    private Task<int?> PartnerOfAsync(Guid seller) =>
        db.WithScopeAsync<ClubDbContext, int?>(c => c.Members.Where(m => m.Id == seller).Select(m => m.PartnerId).SingleAsync());

    private async Task<int[]> BalancesAsync(params Guid[] members)
    {
        var balances = new List<int>();
        foreach (var member in members)
        {
            balances.Add(await db.BalanceAsync(member));
        }

        return [.. balances];
    }
}
