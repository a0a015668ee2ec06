using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Club.Application.Tests.Features.Points;

public class PointsLedgerTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_posting_with_a_used_key_credits_nothing_the_second_time()
    {
        var member = await db.IdOfAsync("seller@club.demo");
        var posting = new PointsPosting(member, 120, PointsReason.Correction, PointsLedger.MemberReference, "x", "test:twice:" + Guid.NewGuid());

        var first = await PostAsync(posting);
        var second = await PostAsync(posting);
        var third = await PostAsync(posting with { Amount = 999 });

        (first, second, third).Should().Be((true, false, false));
        (await BalanceAsync(member)).Should().Be(120);
        await using var context = await CreateAsync();
        (await context.PointsEntries.CountAsync(e => e.IdempotencyKey == posting.IdempotencyKey)).Should().Be(1);
    }

    [Fact]
    public async Task A_credit_opens_a_lot_that_expires_in_twelve_months()
    {
        var member = await db.IdOfAsync("partner@club.demo");

        await PostAsync(new PointsPosting(member, 50, PointsReason.Correction, PointsLedger.MemberReference, "x", "test:lot:" + Guid.NewGuid()));

        await using var context = await CreateAsync();
        var lot = await context.PointsLots.SingleAsync(l => l.MemberId == member);
        (lot.Amount, lot.Remaining).Should().Be((50, 50));
        lot.ExpiresAt.Should().Be(Now.AddMonths(12));
    }

    [Fact]
    public async Task A_debit_beyond_the_balance_fails_and_leaves_no_trace()
    {
        var member = await db.IdOfAsync("factory@club.demo");
        await PostAsync(new PointsPosting(member, 30, PointsReason.Correction, PointsLedger.MemberReference, "x", "test:debit-ok:" + Guid.NewGuid()));
        var key = "test:overspend:" + Guid.NewGuid();

        var act = () => PostAsync(new PointsPosting(member, -31, PointsReason.Correction, PointsLedger.MemberReference, "x", key));

        (await act.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("ck_points_balances_not_negative");
        (await BalanceAsync(member)).Should().Be(30);
        await using var context = await CreateAsync();
        (await context.PointsEntries.AnyAsync(e => e.IdempotencyKey == key)).Should().BeFalse();
    }

    [Fact]
    public async Task Entries_cannot_be_changed_or_deleted()
    {
        var member = await db.IdOfAsync("admin@club.demo");
        var key = "test:immutable:" + Guid.NewGuid();
        await PostAsync(new PointsPosting(member, 10, PointsReason.Correction, PointsLedger.MemberReference, "x", key));
        await using var context = await CreateAsync();

        var update = () => context.Database.ExecuteSqlAsync($"UPDATE points_entries SET amount = 1000 WHERE idempotency_key = {key}");
        var delete = () => context.Database.ExecuteSqlAsync($"DELETE FROM points_entries WHERE idempotency_key = {key}");

        await update.Should().ThrowAsync<PostgresException>().WithMessage("*append-only*");
        await delete.Should().ThrowAsync<PostgresException>().WithMessage("*append-only*");
    }

    [Fact]
    public async Task A_product_rule_beats_its_collection_rule_which_beats_the_catalogue_points()
    {
        await using var context = await CreateAsync();
        var ring = await context.Products.SingleAsync(p => p.Sku == "AQ-SPR-R01");
        var earrings = await context.Products.SingleAsync(p => p.Sku == "AQ-SPR-E01");
        var other = await context.Products.FirstAsync(p => p.Collection != ring.Collection);

        var saved = await db.SendAsync<Result>(new SavePointsRulesCommand("tests", 250,
            new Dictionary<string, int?> { [ring.Collection] = 77 },
            new Dictionary<int, int?> { [ring.Id] = 555 }));

        saved.Succeeded.Should().BeTrue();
        (await PointsForAsync(ring.Id)).Should().Be(555);
        (await PointsForAsync(earrings.Id)).Should().Be(77);
        (await PointsForAsync(other.Id)).Should().Be(other.Points);
        var rules = await db.SendAsync<PointsRules>(new ListPointsRulesQuery());
        rules.FirstItemBonus.Should().Be(250);
        rules.Products.Single(p => p.ProductId == earrings.Id).Effective.Should().Be(77);

        await db.SendAsync<Result>(new SavePointsRulesCommand("tests", 300,
            new Dictionary<string, int?> { [ring.Collection] = null },
            new Dictionary<int, int?> { [ring.Id] = null }));
        (await PointsForAsync(ring.Id)).Should().Be(ring.Points);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_001)]
    public async Task Refuses_points_out_of_range(int points)
    {
        var result = await db.SendAsync<Result>(new SavePointsRulesCommand("tests", points, new Dictionary<string, int?>(), new Dictionary<int, int?>()));

        result.Succeeded.Should().BeFalse();
        (await db.SendAsync<PointsRules>(new ListPointsRulesQuery())).FirstItemBonus.Should().BeInRange(0, PointsRule.MaxPoints);
    }

    [Fact]
    public async Task History_explains_each_entry_and_totals_equal_balances()
    {
        var member = await db.IdOfAsync("manager@club.demo");
        await PostAsync(new PointsPosting(member, 40, PointsReason.Correction, PointsLedger.MemberReference, "x", "test:h1:" + Guid.NewGuid()));
        await PostAsync(new PointsPosting(member, -15, PointsReason.Correction, PointsLedger.MemberReference, "x", "test:h2:" + Guid.NewGuid()));

        var mine = await db.SendAsync<MyPoints>(new GetMyPointsQuery(member));

        mine.Balance.Should().Be(25);
        mine.History.Select(h => h.Amount).Should().Equal(-15, 40);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    private async Task<IClubDb> CreateAsync() => await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();

    private async Task<bool> PostAsync(PointsPosting posting)
    {
        await using var context = await CreateAsync();
        return await PointsLedger.PostAsync(context, posting, Now, CancellationToken.None);
    }

    private async Task<int> PointsForAsync(int productId)
    {
        await using var context = await CreateAsync();
        return await context.ProductPoints.Where(p => p.ProductId == productId).Select(p => p.Points).SingleAsync();
    }

    private async Task<int> BalanceAsync(Guid member)
    {
        await using var context = await CreateAsync();
        return await context.PointsBalances.Where(b => b.MemberId == member).Select(b => b.Balance).SingleAsync();
    }
}
