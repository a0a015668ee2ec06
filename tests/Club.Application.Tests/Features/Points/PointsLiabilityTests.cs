using Club.Application.Features.Points;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Registration;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Registration.ItemDeskSupport;

namespace Club.Application.Tests.Features.Points;

public class PointsLiabilityTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly string Templates = RepositoryRoot.Combine("samples", "labels");

    [Fact]
    public async Task The_totals_and_every_breakdown_equal_the_ledger_after_credits_spends_expiries_reversals_and_debts()
    {
        var staff = (await BuyerAsync(db)).Id;
        // Credits by tag (a partner and a batch), spends, a return whose spent points become a debt.
        var (spender, returned, points) = await BuyerWithItemAsync(db);
        await SpendAsync(db, spender, points - 10);
        (await db.SendAsync<ReturnItemResult>(new ReturnItemCommand(returned.Serial, "Returned to the shop", staff, Templates))).Succeeded.Should().BeTrue();
        var (keeper, _, _) = await BuyerWithItemAsync(db);
        await SpendAsync(db, keeper, 5);
        // A credit without partner or batch, part of it already expired, and one expiring within the month.
        var (other, _) = await BuyerAsync(db);
        var now = DateTimeOffset.UtcNow;
        await PostAsync(new PointsPosting(other, 70, PointsReason.Correction, PointsLedger.MemberReference, "test", $"test:old:{other}", now.AddDays(-1)), now.AddMonths(-2));
        await PostAsync(new PointsPosting(other, 30, PointsReason.Correction, PointsLedger.MemberReference, "test", $"test:soon:{other}", now.AddDays(20)), now);
        await using (var context = await CreateAsync(db))
        {
            (await PointsLedger.ExpireLotsAsync(context, Guid.Empty, Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), now, default)).Should().BeGreaterThan(0);
        }

        var liability = await db.SendAsync<PointsLiability>(new GetPointsLiabilityQuery(now));

        await using var check = await CreateAsync(db);
        var lots = await check.PointsLots.Where(l => l.Remaining > 0).SumAsync(l => (long)l.Remaining);
        var balances = await check.PointsBalances.SumAsync(b => (long)b.Balance);
        var debts = await check.PointsBalances.SumAsync(b => (long)b.Debt);
        var journal = await check.PointsEntries.SumAsync(e => (long)e.Amount);
        debts.Should().BePositive("the return took back spent points");
        liability.Should().BeEquivalentTo(new { Outstanding = lots, Balances = balances, Debts = debts, Journal = journal }, o => o.ExcludingMissingMembers());
        liability.Outstanding.Should().Be(liability.Balances).And.Be(liability.Journal + liability.Debts);
        liability.ByPartner.Sum(l => l.Points).Should().Be(lots);
        liability.ByBatch.Sum(l => l.Points).Should().Be(lots);
        liability.ByMonthEarned.Sum(l => l.Points).Should().Be(lots);
        liability.ByPartner.Should().Contain(l => l.Name == null && l.Points >= 30, "corrections have no partner");
        liability.ExpiringIn30Days.Should().Be(await check.PointsLots.Where(l => l.Remaining > 0 && l.ExpiresAt < now.AddDays(30)).SumAsync(l => (long)l.Remaining));
        liability.ExpiringIn30Days.Should().BeGreaterThanOrEqualTo(30);
        liability.ExpiringIn90Days.Should().BeGreaterThanOrEqualTo(liability.ExpiringIn30Days);
        var spent = -await check.PointsEntries.Where(e => e.Reason == PointsReason.GiftOrdered).SumAsync(e => (long)e.Amount);
        var expired = -await check.PointsEntries.Where(e => e.Reason == PointsReason.Expired).SumAsync(e => (long)e.Amount);
        liability.RedeemedByMonth.Sum(m => m.Redeemed).Should().Be(spent);
        liability.RedeemedByMonth.Sum(m => m.Expired).Should().Be(expired).And.BeGreaterThanOrEqualTo(70);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_files_hold_the_pages_figures()
    {
        await BuyerWithItemAsync(db);
        var liability = await db.SendAsync<PointsLiability>(new GetPointsLiabilityQuery());

        var csv = System.Text.Encoding.UTF8.GetString(LiabilityFiles.ToCsv(liability, "ru"));
        var xlsx = LiabilityFiles.ToXlsx(liability, "en");

        csv.Should().Contain($"Итоги;Баллов на счетах;{liability.Outstanding}").And.Contain("По партнёрам;");
        xlsx.Take(2).Should().Equal((byte)'P', (byte)'K');
    }

    private async Task PostAsync(PointsPosting posting, DateTimeOffset at)
    {
        await using var context = await CreateAsync(db);
        (await PointsLedger.PostAsync(context, posting, at, default)).Should().BeTrue();
    }
}
