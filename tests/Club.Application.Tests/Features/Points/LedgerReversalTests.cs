using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Registration;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Points;

/// <summary>Reversal of a source, debts and their settlement, non-member accounts and lifetimes per posting, against PostgreSQL.</summary>
public class LedgerReversalTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ten_parallel_reversals_of_one_source_reverse_it_once()
    {
        var member = await NewBuyerAsync();
        var source = Guid.NewGuid().ToString("N");
        await PostAsync(Credit(member, 100, source, "a"), Credit(member, 30, source, "b"), Credit(member, 5, "other", "c"));

        var reversed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => ReverseAsync(source))));

        reversed.Sum().Should().Be(1);
        await using var check = await CreateAsync();
        var reversal = await check.PointsEntries.SingleAsync(e => e.MemberId == member && e.Reason == PointsReason.Reversed);
        reversal.Should().BeEquivalentTo(new { Amount = -130, ReferenceType = "order", ReferenceId = source, IdempotencyKey = $"reversal:order:{source}:{member}" });
        (await BalanceAsync(member)).Should().BeEquivalentTo(new { Balance = 5, Debt = 0 });
        (await InvariantBreachesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Credits_posted_after_a_reversal_are_taken_back_by_the_next_one_and_only_once()
    {
        // The same buyer registers an item, returns it, buys and registers it again, returns it again.
        var member = await NewBuyerAsync();
        var source = Guid.NewGuid().ToString("N");
        await PostAsync(Credit(member, 100, source, "round-1"));
        (await ReverseAsync(source)).Should().Be(1);
        await PostAsync(Credit(member, 100, source, "round-2"));

        var second = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => ReverseAsync(source))));

        second.Sum().Should().Be(1);
        (await ReverseAsync(source)).Should().Be(0, "nothing is left to take back");
        await using var check = await CreateAsync();
        (await check.PointsEntries.Where(e => e.MemberId == member && e.Reason == PointsReason.Reversed).Select(e => e.IdempotencyKey).ToListAsync())
            .Should().BeEquivalentTo($"reversal:order:{source}:{member}", $"reversal:order:{source}:{member}:2");
        (await BalanceAsync(member)).Should().BeEquivalentTo(new { Balance = 0, Debt = 0 });
        (await InvariantBreachesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_reversal_beyond_the_balance_leaves_a_debt_that_later_credits_settle()
    {
        var member = await NewBuyerAsync();
        var source = Guid.NewGuid().ToString("N");
        await PostAsync(Credit(member, 100, source, "earned"));
        await PostAsync(Credit(member, -70, "gift", "spent"));

        await ReverseAsync(source);

        (await BalanceAsync(member)).Should().BeEquivalentTo(new { Balance = 0, Debt = 70 });
        (await InvariantBreachesAsync()).Should().BeEmpty();

        await PostAsync(Credit(member, 50, "later", "first"));
        (await BalanceAsync(member)).Should().BeEquivalentTo(new { Balance = 0, Debt = 20 });
        (await InvariantBreachesAsync()).Should().BeEmpty();

        await PostAsync(Credit(member, 50, "later", "second"));
        (await BalanceAsync(member)).Should().BeEquivalentTo(new { Balance = 30, Debt = 0 });
        (await InvariantBreachesAsync()).Should().BeEmpty();
        // A debt is no spending power: a debit beyond what is left still fails.
        var overspend = () => PostAsync(Credit(member, -31, "gift", "too-much"));
        await overspend.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task Parallel_credits_and_reversals_of_many_accounts_keep_entries_balances_debts_and_lots_equal()
    {
        var members = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => NewBuyerAsync()));
        var sources = members.ToDictionary(m => m, _ => Guid.NewGuid().ToString("N"));
        foreach (var member in members)
        {
            await PostAsync(Credit(member, 60, sources[member], "earned"));
            await PostAsync(Credit(member, -40, "gift", "spent"));
        }

        // Each member: a reversal (takes back 60 of 20: debt 40) racing credits of 10 that settle it.
        var work = members.SelectMany(m => new Func<Task>[]
        {
            () => ReverseAsync(sources[m]),
            () => ReverseAsync(sources[m]),
            () => PostAsync(Credit(m, 10, "bonus", "one")),
            () => PostAsync(Credit(m, 10, "bonus", "two")),
            () => PostAsync(Credit(m, 10, "bonus", "three")),
        }).ToList();
        await Task.WhenAll(work.Select(w => Task.Run(w)));

        await using var check = await CreateAsync();
        var ids = members.ToList();
        (await check.PointsEntries.CountAsync(e => ids.Contains(e.MemberId) && e.Reason == PointsReason.Reversed)).Should().Be(members.Length);
        // 60 - 40 - 60 + 30 = -10: each ends with no points and a debt of 10, whatever the order.
        (await check.PointsBalances.Where(b => ids.Contains(b.MemberId)).Select(b => new { b.Balance, b.Debt }).Distinct().ToListAsync())
            .Should().Equal(new { Balance = 0, Debt = 10 });
        (await InvariantBreachesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Reversing_a_debit_gives_the_points_back_once()
    {
        var member = await NewBuyerAsync();
        var order = Guid.NewGuid().ToString("N");
        await PostAsync(Credit(member, 80, "earned", "x"));
        await PostAsync(Credit(member, -50, order, "spent"));

        await Task.WhenAll(ReverseAsync(order), ReverseAsync(order));

        (await BalanceAsync(member)).Should().BeEquivalentTo(new { Balance = 80, Debt = 0 });
        (await InvariantBreachesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_charity_account_receives_points_from_members_and_an_unknown_account_is_refused()
    {
        var member = await NewBuyerAsync();
        var charity = new PointsAccount { Id = Guid.NewGuid(), Kind = PointsAccountKind.Charity, Name = "Winter campaign", CreatedAt = Now };
        await using (var context = await CreateAsync())
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                await using var own = await CreateAsync();
                await PointsLedger.OpenAccountAsync(own, charity, CancellationToken.None);
            }));
        }

        await PostAsync(Credit(member, 100, "earned", "x"));
        var donation = Guid.NewGuid().ToString("N");
        // Ten parallel donations of the same key: one moves the points.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await using var context = await CreateAsync();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await PointsLedger.PostAsync(context, [Credit(member, -40, donation, "give")], Now, CancellationToken.None);
            await PointsLedger.PostAsync(context, [Credit(charity.Id, 40, donation, "take")], Now, CancellationToken.None);
            await transaction.CommitAsync();
        })));

        (await BalanceAsync(member)).Balance.Should().Be(60);
        (await BalanceAsync(charity.Id)).Should().BeEquivalentTo(new { Balance = 40, AccountKind = PointsAccountKind.Charity });
        (await InvariantBreachesAsync()).Should().BeEmpty();

        var stranger = () => PostAsync(Credit(Guid.NewGuid(), 10, "x", "nobody"));
        await stranger.Should().ThrowAsync<Exception>("an account is a member or an opened account");
    }

    [Fact]
    public async Task A_posting_can_live_shorter_than_the_policy()
    {
        var member = await NewBuyerAsync();
        await PostAsync(Credit(member, 10, "welcome", "bonus") with { LifetimeMonths = 1 }, Credit(member, 10, "welcome", "usual"));

        await using var check = await CreateAsync();
        var expiries = await (from l in check.PointsLots
                              join e in check.PointsEntries on l.EntryId equals e.Id
                              where e.MemberId == member
                              select new { e.IdempotencyKey, l.ExpiresAt }).ToDictionaryAsync(x => x.IdempotencyKey.Split(':')[1], x => x.ExpiresAt);
        expiries["bonus"].Should().Be(Now.AddMonths(1));
        expiries["usual"].Should().Be(Now.AddMonths(PointsLot.DefaultLifetimeMonths));
    }

    [Fact]
    public async Task A_registered_items_lots_name_its_partner_and_batch_and_a_return_takes_all_its_credits_back()
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode))).Outcome.Should().Be(RegistrationOutcome.Registered);

        await using var check = await CreateAsync();
        var partner = await check.TagBatches.Where(b => b.Id == batchId).Select(b => b.PartnerId).SingleAsync();
        var lots = await check.PointsLots.Where(l => l.MemberId == buyer).ToListAsync();
        // The item's points and the first-item bonus: both from the tag, so both owed on the batch's partner.
        lots.Should().HaveCount(2).And.OnlyContain(l => l.BatchId == batchId && l.PartnerId == partner && partner != null);

        var tagId = await check.Tags.Where(t => t.OwnerMemberId == buyer).Select(t => t.Id).SingleAsync();
        await PointsLedger.ReverseAsync(check, PointsLedger.TagReference, tagId.ToString(System.Globalization.CultureInfo.InvariantCulture), Now, CancellationToken.None);

        (await BalanceAsync(buyer)).Should().BeEquivalentTo(new { Balance = 0, Debt = 0 });
        (await InvariantBreachesAsync()).Should().BeEmpty();
        var sources = () => PointsLedger.ReverseAsync(check, PointsLedger.MemberReference, buyer.ToString(), Now, CancellationToken.None);
        await sources.Should().ThrowAsync<ArgumentException>("only items, sales and orders are reversible");
    }

    private static PointsPosting Credit(Guid account, int amount, string source, string tag) =>
        new(account, amount, PointsReason.Correction, "order", source, $"test:{tag}:{source}:{account}");

    private async Task<Guid> NewBuyerAsync()
    {
        var member = TestMember.Buyer(null);
        await TestMembers.SeedAsync(db.ConnectionString, [member]);
        return member.Id;
    }

    private async Task PostAsync(params PointsPosting[] postings)
    {
        await using var context = await CreateAsync();
        await PointsLedger.PostAsync(context, postings, Now, CancellationToken.None);
    }

    private async Task<int> ReverseAsync(string source)
    {
        await using var context = await CreateAsync();
        return await PointsLedger.ReverseAsync(context, "order", source, Now, CancellationToken.None);
    }

    private async Task<PointsBalance> BalanceAsync(Guid account)
    {
        await using var context = await CreateAsync();
        return await context.PointsBalances.AsNoTracking().SingleAsync(b => b.MemberId == account);
    }

    private async Task<List<string>> InvariantBreachesAsync()
    {
        await using var context = await CreateAsync();
        return await LedgerChecks.InvariantBreachesAsync(context);
    }

    private async Task<IClubDb> CreateAsync() => await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
