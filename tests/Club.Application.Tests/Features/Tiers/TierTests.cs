using Club.Application.Abstractions;
using Club.Application.Features.Collector;
using Club.Application.Features.Points;
using Club.Application.Features.Registration;
using Club.Application.Features.Tiers;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Domain.Tiers;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Tiers;

/// <summary>
/// The public tiers against PostgreSQL with a clock the tests set: the club's time zone is Moscow (UTC+3),
/// so 00:00:30 on 10 March there is still 9 March in UTC. Every test sets its own ladder; the job evaluates
/// every member of the database, so assertions look at the test's own members only.
/// </summary>
public class TierTests(ClockedDatabaseFixture db) : IClassFixture<ClockedDatabaseFixture>
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    // 150 points an item in the demo catalogue.
    private const string Ring = "AQ-SEA-R01";

    [Fact]
    public async Task Exactly_at_a_threshold_reaches_the_tier_and_one_below_does_not_and_a_rerun_changes_nothing()
    {
        await LadderAsync(TierMeasure.ItemsRegistered, ("Аквамарин", 2, 1m), ("Сапфир", 4, 1m));
        db.Clock.Now = new DateTimeOffset(2030, 6, 10, 12, 0, 0, Moscow);
        var two = await BuyerWithItemsAsync(2);
        var one = await BuyerWithItemsAsync(1);
        var four = await BuyerWithItemsAsync(4);
        var three = await BuyerWithItemsAsync(3);

        var changed = await db.SendAsync<int>(new EvaluateTiersCommand());
        var historyBefore = await HistoryAsync(two, one, four, three);
        var again = await db.SendAsync<int>(new EvaluateTiersCommand());

        changed.Should().BeGreaterThanOrEqualTo(3);
        (await LevelAsync(two), await LevelAsync(one), await LevelAsync(four), await LevelAsync(three)).Should().Be((1, 0, 2, 1));
        again.Should().Be(0, "a re-run at the same moment changes nothing");
        (await HistoryAsync(two, one, four, three)).Should().BeEquivalentTo(historyBefore);
        (await HistoryAsync(four)).Should().ContainSingle().Which.Should().Be((0, 2, 4));
    }

    [Fact]
    public async Task Points_earned_count_exactly_as_the_cabinet_shows_them()
    {
        db.Clock.Now = new DateTimeOffset(2031, 2, 1, 12, 0, 0, Moscow);
        await LadderAsync(TierMeasure.PointsEarned, ("Аквамарин", 1, 1m));
        var buyer = await BuyerWithItemsAsync(1);
        var earned = await db.BalanceAsync(buyer);

        (await db.SendAsync<MyTier?>(new GetMyTierQuery(buyer)))!.Figure.Should().Be(earned, "nothing spent: every point is earned");
        await LadderAsync(TierMeasure.PointsEarned, ("Аквамарин", earned + 1, 1m));
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await LevelAsync(buyer)).Should().Be(0, "one point below the threshold");
        await LadderAsync(TierMeasure.PointsEarned, ("Аквамарин", earned, 1m));
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await LevelAsync(buyer)).Should().Be(1, "exactly at the threshold");
    }

    [Fact]
    public async Task The_rolling_window_starts_at_midnight_of_the_same_date_a_year_before_in_the_clubs_time_zone()
    {
        await LadderAsync(TierMeasure.ItemsRegistered, ("Аквамарин", 1, 1m));
        // 00:00:30 on 10 March in Moscow is 21:00:30 on 9 March UTC; 23:59:30 on 9 March is 20:59:30 UTC.
        db.Clock.Now = new DateTimeOffset(2032, 3, 10, 0, 0, 30, Moscow);
        var tenth = await BuyerWithItemsAsync(1);
        db.Clock.Now = new DateTimeOffset(2032, 3, 9, 23, 59, 30, Moscow);
        var ninth = await BuyerWithItemsAsync(1);

        db.Clock.Now = new DateTimeOffset(2033, 3, 9, 23, 0, 0, Moscow);
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await LevelAsync(tenth), await LevelAsync(ninth)).Should().Be((1, 1), "9 March 2032 is the window's first day on 9 March 2033");
        (await MemberTierAsync(ninth)).DowngradeOn.Should().Be(new DateOnly(2033, 3, 10));

        // 00:10 on 10 March in Moscow, still 9 March in UTC: the 9th has left the window, the 10th has not.
        db.Clock.Now = new DateTimeOffset(2033, 3, 10, 0, 10, 0, Moscow);
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await LevelAsync(tenth), await LevelAsync(ninth)).Should().Be((1, 0));
        (await MemberTierAsync(tenth)).DowngradeOn.Should().Be(new DateOnly(2033, 3, 11));
        (await HistoryAsync(ninth)).Should().Equal([(0, 1, 1), (1, 0, 0)], "the upgrade and the downgrade are both recorded");
    }

    [Fact]
    public async Task The_downgrade_mail_goes_30_days_before_once_on_reruns_and_under_parallel_runs()
    {
        await LadderAsync(TierMeasure.ItemsRegistered, ("Аквамарин", 1, 1m), ("Сапфир", 2, 1m));
        db.Clock.Now = new DateTimeOffset(2034, 5, 20, 12, 0, 0, Moscow);
        var buyer = await BuyerWithItemsAsync(1);
        db.Clock.Now = new DateTimeOffset(2034, 8, 1, 12, 0, 0, Moscow);
        await RegisterAsync(buyer, (await TestTags.CreateBatchAsync(db.Services, 1, Ring)).Tags[0]);

        // Sapphire (2 items) until the May item leaves the window on 21 May 2035: mailed from 21 April.
        db.Clock.Now = new DateTimeOffset(2035, 4, 20, 12, 0, 0, Moscow);
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await LevelAsync(buyer)).Should().Be(2);
        (await MemberTierAsync(buyer)).DowngradeOn.Should().Be(new DateOnly(2035, 5, 21));
        (await MailKeysAsync(buyer)).Should().BeEmpty("31 days before is too early");

        db.Clock.Now = new DateTimeOffset(2035, 4, 21, 0, 5, 0, Moscow);
        await ActivityTesting.InParallelAsync(2, () => db.SendAsync<int>(new EvaluateTiersCommand()));
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await MailKeysAsync(buyer)).Should().Equal([$"tier-downgrade:{buyer}:2035-05-21"]);

        db.Clock.Now = new DateTimeOffset(2035, 5, 21, 0, 5, 0, Moscow);
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await LevelAsync(buyer)).Should().Be(1, "the May item has left the window");
        (await MemberTierAsync(buyer)).DowngradeOn.Should().Be(new DateOnly(2035, 8, 2));
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await MailKeysAsync(buyer)).Should().HaveCount(1, "the next downgrade is more than 30 days away");
    }

    [Fact]
    public async Task The_tier_multiplier_is_paid_once_inside_the_registrations_one_credit_and_only_the_larger_of_tier_and_Collector()
    {
        await LadderAsync(TierMeasure.ItemsRegistered, ("Аквамарин", 1, 1.2m));
        await db.WithScopeAsync<IClubDbFactory, int>(async f =>
        {
            await using var c = await f.CreateAsync();
            return await c.Database.ExecuteSqlAsync($"UPDATE products SET recommended_price = 6000 WHERE sku = {Ring}");
        });
        (await db.SendAsync<Result>(new SaveCollectorSettingsCommand("tests", true, "Коллекционер", "Collector", 1_000_000m, 1.5m, []))).Succeeded.Should().BeTrue();
        db.Clock.Now = new DateTimeOffset(2036, 3, 1, 12, 0, 0, Moscow);
        var buyer = await BuyerWithItemsAsync(1);
        await db.SendAsync<int>(new EvaluateTiersCommand());
        var tags = (await TestTags.CreateBatchAsync(db.Services, 3, Ring)).Tags;

        var before = await db.BalanceAsync(buyer);
        var results = await ActivityTesting.InParallelAsync(10, () => db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode)));
        results.Should().ContainSingle(r => r.Outcome == RegistrationOutcome.Registered).Which.Points.Should().Be(180, "150 × 1.2");
        (await db.BalanceAsync(buyer) - before).Should().Be(180);
        var history = (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).History;
        history.Count(h => h.Reason == PointsReason.ItemRegistered).Should().Be(2, "one credit per registration, the multiplier inside it");

        // An opened Collector status with 1.5: only the larger multiplier applies, never 1.2 × 1.5.
        (await db.SendAsync<Result>(new SaveCollectorSettingsCommand("tests", true, "Коллекционер", "Collector", 6_000m, 1.5m, []))).Succeeded.Should().BeTrue();
        db.Clock.Now = new DateTimeOffset(2037, 1, 1, 0, 20, 0, Moscow);
        await db.SendAsync<int>(new GrantCollectorStatusesCommand());
        (await db.SendAsync<bool>(new OpenCollectorBenefitsCommand(buyer))).Should().BeTrue();
        await db.SendAsync<int>(new EvaluateTiersCommand());
        (await RegisterAsync(buyer, tags[1])).Points.Should().Be(225, "max(1.2, 1.5) × 150");

        await LadderAsync(TierMeasure.ItemsRegistered, ("Аквамарин", 1, 2m));
        (await RegisterAsync(buyer, tags[2])).Points.Should().Be(300, "max(2, 1.5) × 150");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_cabinet_shows_the_tier_the_figure_and_what_the_next_tier_needs()
    {
        await LadderAsync(TierMeasure.ItemsRegistered, ("Аквамарин", 1, 1m), ("Сапфир", 5, 1.1m));
        db.Clock.Now = new DateTimeOffset(2038, 7, 1, 12, 0, 0, Moscow);
        var buyer = await BuyerWithItemsAsync(2);
        var nobody = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<int>(new EvaluateTiersCommand());

        var mine = (await db.SendAsync<MyTier?>(new GetMyTierQuery(buyer)))!;
        (mine.Current!.Name, mine.Figure, mine.Next!.Name, mine.Missing, mine.ProgressPercent).Should().Be(("Аквамарин", 2, "Сапфир", 3, 25));
        mine.DowngradeOn.Should().Be(new DateOnly(2039, 7, 2));
        var none = (await db.SendAsync<MyTier?>(new GetMyTierQuery(nobody)))!;
        (none.Current, none.Figure, none.Next!.Name, none.Missing).Should().Be(((Tier?)null, 0, "Аквамарин", 1));

        await LadderAsync(TierMeasure.ItemsRegistered);
        (await db.SendAsync<MyTier?>(new GetMyTierQuery(buyer))).Should().BeNull("no ladder, no tier card");
    }

    [Fact]
    public async Task Bad_ladders_are_refused_and_change_nothing_and_a_saved_one_is_audited()
    {
        await LadderAsync(TierMeasure.ItemsRegistered, ("Аквамарин", 1, 1m), ("Сапфир", 5, 1.1m));
        SaveTiersCommand Valid() => new("tests", TierMeasure.PointsEarned, [new("Аквамарин", "Aquamarine", 500, 1m), new("Сапфир", "Sapphire", 2000, 1.1m)]);

        foreach (var bad in new[]
                 {
                     Valid() with { Measure = (TierMeasure)9 },
                     Valid() with { Tiers = [new("Аквамарин", "Aquamarine", 500, 1m), new("Сапфир", "Sapphire", 500, 1.1m)] },
                     Valid() with { Tiers = [new("Аквамарин", "Aquamarine", 0, 1m)] },
                     Valid() with { Tiers = [new("Аквамарин", "Aquamarine", 500, 0.5m)] },
                     Valid() with { Tiers = [new("Аквамарин", "Aquamarine", 500, 1.555m)] },
                     Valid() with { Tiers = [new("Аквамарин", "Aquamarine", 500, 9m)] },
                     Valid() with { Tiers = [new(" ", "Aquamarine", 500, 1m)] },
                     Valid() with { Tiers = [new("Аквамарин", new string('n', 61), 500, 1m)] },
                     Valid() with { Tiers = [new("Аквамарин", "Aquamarine", 500, 1m), new("аквамарин", "Sapphire", 600, 1m)] },
                     Valid() with { Tiers = [.. Enumerable.Range(1, 6).Select(i => new TierInput($"T{i}", $"T{i}", i, 1m))] },
                 })
        {
            (await db.SendAsync<Result>(bad)).Succeeded.Should().BeFalse();
        }

        var ladder = await db.SendAsync<TierLadder>(new GetTiersQuery());
        ladder.Measure.Should().Be(TierMeasure.ItemsRegistered);
        ladder.Tiers.Select(t => t.Threshold).Should().Equal([1, 5]);

        (await db.SendAsync<Result>(Valid())).Succeeded.Should().BeTrue();
        await using var context = await db.WithScopeAsync<IClubDbFactory, IClubDb>(f => f.CreateAsync());
        (await context.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM audit_log WHERE action = 'tiers.settings'").SingleAsync()).Should().BeGreaterThan(0);
    }

    private async Task LadderAsync(TierMeasure measure, params (string Name, int Threshold, decimal Multiplier)[] tiers) =>
        (await db.SendAsync<Result>(new SaveTiersCommand("tests", measure, [.. tiers.Select(t => new TierInput(t.Name, t.Name + " (en)", t.Threshold, t.Multiplier))])))
            .Succeeded.Should().BeTrue();

    private async Task<Guid> BuyerWithItemsAsync(int items)
    {
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        foreach (var tag in (await TestTags.CreateBatchAsync(db.Services, items, Ring)).Tags)
        {
            await RegisterAsync(buyer, tag);
        }

        return buyer;
    }

    private async Task<RegisterItemResult> RegisterAsync(Guid buyer, PrintedTag tag)
    {
        var result = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tag.Serial, tag.ScratchCode));
        result.Outcome.Should().Be(RegistrationOutcome.Registered);
        return result;
    }

    private async Task<int> LevelAsync(Guid member) =>
        (await db.WithScopeAsync<IClubDbFactory, MemberTier?>(async f =>
        {
            await using var c = await f.CreateAsync();
            return await c.MemberTiers.AsNoTracking().SingleOrDefaultAsync(t => t.MemberId == member);
        }))?.Level ?? 0;

    private Task<MemberTier> MemberTierAsync(Guid member) =>
        db.WithScopeAsync<IClubDbFactory, MemberTier>(async f =>
        {
            await using var c = await f.CreateAsync();
            return await c.MemberTiers.AsNoTracking().SingleAsync(t => t.MemberId == member);
        });

    private Task<List<(int From, int To, int Figure)>> HistoryAsync(params Guid[] members) =>
        db.WithScopeAsync<IClubDbFactory, List<(int, int, int)>>(async f =>
        {
            await using var c = await f.CreateAsync();
            var rows = await c.MemberTierChanges.AsNoTracking().Where(h => members.Contains(h.MemberId)).OrderBy(h => h.Id).ToListAsync();
            return [.. rows.Select(h => (h.FromLevel, h.ToLevel, h.Figure))];
        });

    private Task<List<string>> MailKeysAsync(Guid member) =>
        db.WithScopeAsync<IClubDbFactory, List<string>>(async f =>
        {
            await using var c = await f.CreateAsync();
            return await c.MailOutbox.Where(m => m.MemberId == member && m.Template == EvaluateTiersHandler.MailTemplate).Select(m => m.IdempotencyKey).ToListAsync();
        });
}
