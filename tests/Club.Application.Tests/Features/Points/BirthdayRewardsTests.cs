using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Application.Features.Points;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Points;

/// <summary>The database with a clock the tests set (the brand's day is Moscow's) and the daily jobs in small ranges.</summary>
public sealed class ClockedDatabaseFixture : DatabaseFixture
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.FromHours(3)));

    protected override void Configure(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        // Small ranges, so the jobs' tests cross many range boundaries, two ranges at a time.
        services.AddSingleton(new PointsSettings { JobBatchSize = 50, JobParallelism = 2 });
    }

    /// <summary>Sends a job's command and kills it after <paramref name="milliseconds"/> (its open transactions roll back).</summary>
    public async Task RunKilledAfterAsync(Mediator.ICommand<int> command, int milliseconds)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(milliseconds));
        try
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(command, cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

public class BirthdayRewardsTests(ClockedDatabaseFixture db) : IClassFixture<ClockedDatabaseFixture>
{
    private const int BuyerPoints = 150;
    private const int SellerPoints = 250;

    [Fact]
    public async Task Buyers_and_active_sellers_are_paid_once_on_their_birthday_with_one_greeting()
    {
        await SetRulesAsync();
        var day = new DateOnly(2026, 7, 3);
        db.Clock.Now = new DateTimeOffset(2026, 7, 3, 0, 10, 0, TimeSpan.FromHours(3));
        TestMember buyer = TestMember.Buyer(new DateOnly(1990, 7, 3)), seller = TestMember.Seller(new DateOnly(1985, 7, 3)),
            pending = TestMember.Seller(new DateOnly(1985, 7, 3), "Pending"), tomorrow = TestMember.Buyer(new DateOnly(1990, 7, 4)),
            none = TestMember.Buyer(null);
        await TestMembers.SeedAsync(db.ConnectionString, [buyer, seller, pending, tomorrow, none]);

        var first = await db.SendAsync<int>(new PayBirthdayRewardsCommand());
        var second = await db.SendAsync<int>(new PayBirthdayRewardsCommand());

        first.Should().BeGreaterThanOrEqualTo(2);
        second.Should().Be(0);
        var paid = await BirthdayEntriesAsync(buyer.Id, seller.Id, pending.Id, tomorrow.Id, none.Id);
        paid.Should().BeEquivalentTo(new Dictionary<Guid, int> { [buyer.Id] = BuyerPoints, [seller.Id] = SellerPoints });
        (await GreetingsAsync(buyer.Id, seller.Id, pending.Id)).Should().BeEquivalentTo([$"birthday:{buyer.Id}:{day.Year}", $"birthday:{seller.Id}:{day.Year}"]);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_29_February_birthday_is_paid_on_28_February_in_other_years_and_on_the_29th_in_leap_years()
    {
        await SetRulesAsync();
        var leapling = TestMember.Buyer(new DateOnly(2000, 2, 29));
        var twentyEighth = TestMember.Buyer(new DateOnly(2001, 2, 28));
        await TestMembers.SeedAsync(db.ConnectionString, [leapling, twentyEighth]);

        db.Clock.Now = new DateTimeOffset(2027, 2, 28, 12, 0, 0, TimeSpan.FromHours(3));
        await db.SendAsync<int>(new PayBirthdayRewardsCommand());
        var in2027 = await BirthdayKeysAsync(leapling.Id, twentyEighth.Id);

        db.Clock.Now = new DateTimeOffset(2028, 2, 28, 12, 0, 0, TimeSpan.FromHours(3));
        await db.SendAsync<int>(new PayBirthdayRewardsCommand());
        var on28In2028 = await BirthdayKeysAsync(leapling.Id, twentyEighth.Id);
        db.Clock.Now = new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.FromHours(3));
        await db.SendAsync<int>(new PayBirthdayRewardsCommand());
        db.Clock.Now = new DateTimeOffset(2028, 3, 1, 12, 0, 0, TimeSpan.FromHours(3));
        await db.SendAsync<int>(new PayBirthdayRewardsCommand());

        in2027.Should().BeEquivalentTo([$"birthday:{leapling.Id}:2027", $"birthday:{twentyEighth.Id}:2027"]);
        on28In2028.Should().NotContain($"birthday:{leapling.Id}:2028");
        (await BirthdayKeysAsync(leapling.Id, twentyEighth.Id)).Should().BeEquivalentTo(
            [$"birthday:{leapling.Id}:2027", $"birthday:{twentyEighth.Id}:2027", $"birthday:{leapling.Id}:2028", $"birthday:{twentyEighth.Id}:2028"]);
    }

    [Fact]
    public async Task A_birthday_changed_within_the_quiet_days_pays_nothing()
    {
        await SetRulesAsync();
        db.Clock.Now = new DateTimeOffset(2026, 8, 20, 10, 0, 0, TimeSpan.FromHours(3));
        var settled = TestMember.Buyer(new DateOnly(1980, 8, 20), changedAt: db.Clock.Now.AddDays(-40));
        var fresh = TestMember.Buyer(new DateOnly(1980, 8, 20), changedAt: db.Clock.Now.AddDays(-5));
        var viaCabinet = TestMember.Buyer(new DateOnly(1980, 1, 1));
        await TestMembers.SeedAsync(db.ConnectionString, [settled, fresh, viaCabinet]);
        // The member moves their birthday to today in the cabinet, hoping for points.
        var moved = await db.SendAsync<Result>(new UpdateMyProfileCommand(viaCabinet.Id, "Hopeful", new DateOnly(1980, 8, 20), null));

        await db.SendAsync<int>(new PayBirthdayRewardsCommand());

        moved.Succeeded.Should().BeTrue();
        (await BirthdayEntriesAsync(settled.Id, fresh.Id, viaCabinet.Id)).Keys.Should().BeEquivalentTo([settled.Id]);
    }

    [Fact]
    public async Task Runs_killed_midway_and_run_many_times_at_once_pay_everyone_exactly_once()
    {
        await SetRulesAsync();
        db.Clock.Now = new DateTimeOffset(2026, 9, 9, 0, 5, 0, TimeSpan.FromHours(3));
        var members = Enumerable.Range(0, 3000)
            .Select(i => i % 3 == 0 ? TestMember.Seller(new DateOnly(1970 + i % 40, 9, 9)) : TestMember.Buyer(new DateOnly(1970 + i % 40, 9, 9)))
            .ToList();
        await TestMembers.SeedAsync(db.ConnectionString, members);

        // Killed runs: cancelled midway, PostgreSQL rolls back the ranges still open.
        for (var delay = 1; delay <= 16; delay *= 2)
        {
            await db.RunKilledAfterAsync(new PayBirthdayRewardsCommand(), delay);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => db.SendAsync<int>(new PayBirthdayRewardsCommand()))));
        var last = await db.SendAsync<int>(new PayBirthdayRewardsCommand());

        last.Should().Be(0);
        runs.Sum().Should().BeLessThanOrEqualTo(members.Count);
        var paid = await BirthdayEntriesAsync([.. members.Select(m => m.Id)]);
        paid.Should().HaveCount(members.Count);
        paid.Values.Should().OnlyContain(points => points == BuyerPoints || points == SellerPoints);
        (await GreetingsAsync([.. members.Select(m => m.Id)])).Should().HaveCount(members.Count);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_run_killed_between_ranges_keeps_what_it_paid_and_the_next_run_pays_the_rest_once()
    {
        await SetRulesAsync();
        List<Guid>? cut = null;
        // Each attempt has its own day and members; the clock stops runs later and later until one is cut
        // after some ranges committed and before the last.
        for (var (attempt, delay) = (0, 2); cut is null && delay <= 8192; attempt++, delay *= 2)
        {
            var day = new DateOnly(2026, 3, 1).AddDays(attempt);
            db.Clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 5)), TimeSpan.FromHours(3));
            var members = Enumerable.Range(0, 1000).Select(i => TestMember.Buyer(new DateOnly(1960 + i % 40, day.Month, day.Day))).ToList();
            await TestMembers.SeedAsync(db.ConnectionString, members);
            var ids = members.Select(m => m.Id).ToArray();
            await db.RunKilledAfterAsync(new PayBirthdayRewardsCommand(), delay);

            var paid = await BirthdayEntriesAsync(ids);
            if (paid.Count > 0 && paid.Count < ids.Length)
            {
                cut = [.. ids];
                (await GreetingsAsync(ids)).Should().HaveCount(paid.Count, "a member's entry and greeting commit together");
            }
        }

        cut.Should().NotBeNull("some run should have been stopped between two ranges");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
        var rerun = await db.SendAsync<int>(new PayBirthdayRewardsCommand());
        var again = await db.SendAsync<int>(new PayBirthdayRewardsCommand());

        rerun.Should().BePositive();
        again.Should().Be(0);
        (await BirthdayEntriesAsync([.. cut!])).Should().HaveCount(cut!.Count);
        (await GreetingsAsync([.. cut!])).Should().HaveCount(cut!.Count);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public void The_days_to_pay_include_29_February_on_28_February_of_common_years_only()
    {
        PayBirthdayRewardsHandler.BirthdaysOn(new DateOnly(2027, 2, 28), 0).MonthDays.Should().BeEquivalentTo([228, 229]);
        PayBirthdayRewardsHandler.BirthdaysOn(new DateOnly(2028, 2, 28), 0).MonthDays.Should().BeEquivalentTo([228]);
        PayBirthdayRewardsHandler.BirthdaysOn(new DateOnly(2028, 3, 1), 1).MonthDays.Should().BeEquivalentTo([229, 301]);
    }

    private async Task SetRulesAsync()
    {
        await using var context = await CreateAsync();
        await context.Database.ExecuteSqlAsync($"UPDATE points_rules SET points = {BuyerPoints} WHERE kind = {nameof(PointsRuleKind.BuyerBirthday)}");
        await context.Database.ExecuteSqlAsync($"UPDATE points_rules SET points = {SellerPoints} WHERE kind = {nameof(PointsRuleKind.SellerBirthday)}");
    }

    /// <summary>Birthday points per member; a member paid twice would make ToDictionaryAsync throw.</summary>
    private async Task<Dictionary<Guid, int>> BirthdayEntriesAsync(params Guid[] members)
    {
        await using var context = await CreateAsync();
        return await context.PointsEntries.Where(e => e.Reason == PointsReason.Birthday && members.Contains(e.MemberId))
            .ToDictionaryAsync(e => e.MemberId, e => e.Amount);
    }

    private async Task<List<string>> BirthdayKeysAsync(params Guid[] members)
    {
        await using var context = await CreateAsync();
        return await context.PointsEntries.Where(e => e.Reason == PointsReason.Birthday && members.Contains(e.MemberId))
            .Select(e => e.IdempotencyKey).ToListAsync();
    }

    private async Task<List<string>> GreetingsAsync(params Guid[] members)
    {
        await using var context = await CreateAsync();
        return await context.MailOutbox.Where(m => m.Template == PayBirthdayRewardsHandler.MailTemplate && members.Contains(m.MemberId))
            .Select(m => m.IdempotencyKey).ToListAsync();
    }

    private Task<IClubDb> CreateAsync() => db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
