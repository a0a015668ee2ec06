using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Points;

public class ExpirePointsTests(ClockedDatabaseFixture db) : IClassFixture<ClockedDatabaseFixture>
{
    [Fact]
    public async Task Expired_lots_are_taken_back_exactly_once_under_parallel_runs_and_totals_match_balances()
    {
        db.Clock.Now = new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero);
        var members = Enumerable.Range(0, 200).Select(_ => TestMember.Buyer(null)).ToList();
        await TestMembers.SeedAsync(db.ConnectionString, members);
        // Per member: two lots earned 13 and 14 months ago (expired) and one earned a month ago (not).
        var postings = members.SelectMany((m, i) => new[]
        {
            (Posting(m.Id, 10 + i % 7, "old1"), db.Clock.Now.AddMonths(-14)),
            (Posting(m.Id, 20, "old2"), db.Clock.Now.AddMonths(-13)),
            (Posting(m.Id, 5, "new"), db.Clock.Now.AddMonths(-1)),
        }).ToList();
        foreach (var group in postings.GroupBy(p => p.Item2))
        {
            await using var context = await CreateAsync();
            await PointsLedger.PostAsync(context, group.Select(p => p.Item1).ToList(), group.Key, CancellationToken.None);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => db.SendAsync<int>(new ExpirePointsCommand()))));
        var again = await db.SendAsync<int>(new ExpirePointsCommand());

        results.Sum().Should().Be(members.Count);
        again.Should().Be(0);
        await using var check = await CreateAsync();
        var ids = members.Select(m => m.Id).ToList();
        var expired = await check.PointsEntries.Where(e => e.Reason == PointsReason.Expired && ids.Contains(e.MemberId)).ToListAsync();
        expired.Should().HaveCount(2 * members.Count);
        expired.Select(e => e.IdempotencyKey).Should().OnlyHaveUniqueItems().And.OnlyContain(k => k.StartsWith("expiry:lot:"));
        (await check.PointsBalances.Where(b => ids.Contains(b.MemberId)).Select(b => b.Balance).Distinct().ToListAsync()).Should().Equal(5);
        (await check.PointsLots.Where(l => ids.Contains(l.MemberId) && l.ExpiresAt <= db.Clock.Now).SumAsync(l => l.Remaining)).Should().Be(0);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_run_killed_between_ranges_keeps_what_it_took_back_and_the_next_run_takes_the_rest_once()
    {
        List<Guid>? cut = null;
        // Each attempt has its own members with lots just past their date; the clock stops runs later and
        // later until one is cut after some ranges committed and before the last.
        for (var (attempt, delay) = (0, 2); cut is null && delay <= 8192; attempt++, delay *= 2)
        {
            db.Clock.Now = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero).AddDays(attempt);
            var members = Enumerable.Range(0, 400).Select(_ => TestMember.Buyer(null)).ToList();
            await TestMembers.SeedAsync(db.ConnectionString, members);
            await using (var context = await CreateAsync())
            {
                await PointsLedger.PostAsync(context, members.Select(m => Posting(m.Id, 30, "cut")).ToList(), db.Clock.Now.AddMonths(-12).AddHours(-1), CancellationToken.None);
            }

            var ids = members.Select(m => m.Id).ToList();
            await db.RunKilledAfterAsync(new ExpirePointsCommand(), delay);

            await using var check = await CreateAsync();
            var expired = await check.PointsEntries.CountAsync(e => e.Reason == PointsReason.Expired && ids.Contains(e.MemberId));
            if (expired > 0 && expired < ids.Count)
            {
                cut = ids;
            }
        }

        cut.Should().NotBeNull("some run should have been stopped between two ranges");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
        await db.SendAsync<int>(new ExpirePointsCommand());
        var again = await db.SendAsync<int>(new ExpirePointsCommand());

        again.Should().Be(0);
        await using var after = await CreateAsync();
        var entries = await after.PointsEntries.Where(e => e.Reason == PointsReason.Expired && cut!.Contains(e.MemberId)).ToListAsync();
        entries.Should().HaveCount(cut!.Count).And.OnlyContain(e => e.Amount == -30);
        (await after.PointsBalances.Where(b => cut!.Contains(b.MemberId)).SumAsync(b => b.Balance)).Should().Be(0);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Expiry_never_takes_a_balance_below_zero_when_spending_left_the_lots_fuller()
    {
        db.Clock.Now = new DateTimeOffset(2026, 10, 2, 1, 0, 0, TimeSpan.Zero);
        var member = TestMember.Buyer(null);
        await TestMembers.SeedAsync(db.ConnectionString, [member]);
        await using (var context = await CreateAsync())
        {
            await PointsLedger.PostAsync(context, [Posting(member.Id, 100, "earned")], db.Clock.Now.AddMonths(-13), CancellationToken.None);
            await PointsLedger.PostAsync(context, [Posting(member.Id, -70, "spent") with { Reason = PointsReason.Correction }], db.Clock.Now.AddMonths(-2), CancellationToken.None);
        }

        await db.SendAsync<int>(new ExpirePointsCommand());

        await using var check = await CreateAsync();
        (await check.PointsBalances.SingleAsync(b => b.MemberId == member.Id)).Balance.Should().Be(0);
        (await check.PointsEntries.SingleAsync(e => e.MemberId == member.Id && e.Reason == PointsReason.Expired)).Amount.Should().Be(-30);
    }

    [Fact]
    public async Task Members_get_one_reminder_per_expiry_day_within_the_reminder_days()
    {
        db.Clock.Now = new DateTimeOffset(2027, 3, 3, 1, 0, 0, TimeSpan.Zero);
        TestMember soon = TestMember.Buyer(null), later = TestMember.Buyer(null);
        await TestMembers.SeedAsync(db.ConnectionString, [soon, later]);
        await using (var context = await CreateAsync())
        {
            // Two lots earned the same day expire the same day: one mail with their sum.
            var earned = db.Clock.Now.AddMonths(-12).AddDays(5);
            await PointsLedger.PostAsync(context, [Posting(soon.Id, 40, "a"), Posting(soon.Id, 2, "b")], earned, CancellationToken.None);
            await PointsLedger.PostAsync(context, [Posting(later.Id, 40, "c")], db.Clock.Now.AddMonths(-12).AddDays(20), CancellationToken.None);
        }

        await db.SendAsync<int>(new ExpirePointsCommand());
        await db.SendAsync<int>(new ExpirePointsCommand());

        await using var check = await CreateAsync();
        var mails = await check.MailOutbox.Where(m => m.Template == ExpirePointsHandler.ReminderTemplate && (m.MemberId == soon.Id || m.MemberId == later.Id)).ToListAsync();
        mails.Should().ContainSingle().Which.MemberId.Should().Be(soon.Id);
        mails[0].Values["Points"].Should().Be("42");
        mails[0].Values["Date"].Should().Be("08.03.2027");
        (await check.PointsBalances.SingleAsync(b => b.MemberId == soon.Id)).Balance.Should().Be(42);
    }

    [Fact]
    public async Task A_lifetime_of_zero_months_never_expires()
    {
        var earned = new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);
        await using var context = await CreateAsync();
        (await PointsLedger.ExpiryAsync(context, earned, CancellationToken.None, lifetimeMonths: 0)).Should().Be(PointsLot.Never);
        (await PointsLedger.ExpiryAsync(context, earned, CancellationToken.None, lifetimeMonths: 1)).Should().Be(new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero));
    }

    private static PointsPosting Posting(Guid member, int amount, string tag) =>
        new(member, amount, PointsReason.Correction, PointsLedger.MemberReference, member.ToString(), $"test:{tag}:{member}");

    private Task<IClubDb> CreateAsync() => db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
