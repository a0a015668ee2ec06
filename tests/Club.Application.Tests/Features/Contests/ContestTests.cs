using Club.Application.Abstractions;
using Club.Application.Tests.Features.Points;
using Club.Testing;
using Club.Application.Features.Contests;

using Club.Application.Tests.Features.Activities;

namespace Club.Application.Tests.Features.Contests;

public class ContestTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Twenty_parallel_entries_credit_the_participation_points_once()
    {
        var contest = await CreateAsync("Parallel entries", entry: 40, winner: 400);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        var results = await ActivityTesting.InParallelAsync(20, () => db.SendAsync<Result>(new EnterContestCommand(buyer, contest)));

        results.Count(r => r.Succeeded).Should().Be(1);
        (await db.BalanceAsync(buyer)).Should().Be(40);
        (await db.SendAsync<IReadOnlyList<ContestRow>>(new ListContestsQuery(buyer))).Single(c => c.Id == contest).Entered.Should().BeTrue();
    }

    [Fact]
    public async Task A_winner_is_paid_once_however_many_clicks_and_only_entrants_can_win()
    {
        var contest = await CreateAsync("Winners", entry: 0, winner: 500);
        var entrant = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var outsider = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<Result>(new EnterContestCommand(entrant, contest))).Succeeded.Should().BeTrue();

        var results = await ActivityTesting.InParallelAsync(10, () => db.SendAsync<Result>(new PickContestWinnerCommand(contest, entrant)));
        var outsiderWins = await db.SendAsync<Result>(new PickContestWinnerCommand(contest, outsider));

        results.Count(r => r.Succeeded).Should().Be(1);
        outsiderWins.Succeeded.Should().BeFalse();
        (await db.BalanceAsync(entrant)).Should().Be(500);
        (await db.BalanceAsync(outsider)).Should().Be(0);
        (await db.SendAsync<IReadOnlyList<ContestEntryRow>>(new ListContestEntriesQuery(contest))).Should().ContainSingle(e => e.MemberId == entrant && e.Won);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_contest_that_is_not_running_takes_no_entries_and_bad_input_is_refused()
    {
        var now = DateTimeOffset.UtcNow;
        (await db.SendAsync<Result>(new CreateContestCommand("tests", "Old", null, now.AddDays(-10), now.AddDays(-1), 10, 10))).Succeeded.Should().BeTrue();
        var old = (await db.SendAsync<IReadOnlyList<ContestRow>>(new ListContestsQuery())).First(c => c.Title == "Old").Id;
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        (await db.SendAsync<Result>(new EnterContestCommand(buyer, old))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new EnterContestCommand(buyer, 999_999))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new CreateContestCommand("tests", "", null, now, now.AddDays(1), 1, 1))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new CreateContestCommand("tests", new string('x', 5000), null, now, now.AddDays(1), 1, 1))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new CreateContestCommand("tests", "Backwards", null, now, now.AddDays(-1), 1, 1))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new CreateContestCommand("tests", "Negative", null, now, now.AddDays(1), -1, 1))).Succeeded.Should().BeFalse();
        (await db.BalanceAsync(buyer)).Should().Be(0);
    }

    private async Task<int> CreateAsync(string title, int entry, int winner)
    {
        var now = DateTimeOffset.UtcNow;
        (await db.SendAsync<Result>(new CreateContestCommand("tests", title, "…", now.AddDays(-1), now.AddDays(5), entry, winner))).Succeeded.Should().BeTrue();
        return (await db.SendAsync<IReadOnlyList<ContestRow>>(new ListContestsQuery())).First(c => c.Title == title).Id;
    }
}
