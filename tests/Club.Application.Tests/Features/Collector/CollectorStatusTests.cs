using Club.Application.Abstractions;
using Club.Application.Features.Catalog;
using Club.Application.Features.Collector;
using Club.Application.Features.Registration;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Points;
using Club.Domain.Catalog;
using Club.Domain.Collector;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Collector;

/// <summary>
/// The hidden status against PostgreSQL with a clock the tests set: the club's time zone is Moscow (UTC+3),
/// so 23:30 on 31 December there is 20:30 UTC, and 00:30 on 1 January is still 31 December in UTC.
/// </summary>
public class CollectorStatusTests(ClockedDatabaseFixture db) : IClassFixture<ClockedDatabaseFixture>
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    // Products priced by the tests (the demo catalogue has no prices): 150 and 140 points an item.
    private const string Ring = "AQ-SEA-R01";
    private const string Forget = "AQ-SPR-R01";

    [Fact]
    public async Task The_new_year_job_grants_at_exactly_the_threshold_and_not_one_below()
    {
        await PriceAsync(Ring, 6_000m);
        await PriceAsync(Forget, 5_999.50m);
        await SettingsAsync(threshold: CollectorSettings.MaxThreshold); // no grant by the registrations themselves
        db.Clock.Now = new DateTimeOffset(2030, 6, 10, 12, 0, 0, Moscow);
        var atThreshold = await BuyerWithItemsAsync(Ring, 2);     // 12 000
        var oneBelow = await BuyerWithItemsAsync(Forget, 2);      // 11 999
        await SettingsAsync(threshold: 12_000m);

        db.Clock.Now = new DateTimeOffset(2031, 1, 1, 0, 20, 0, Moscow);
        var granted = await db.SendAsync<int>(new GrantCollectorStatusesCommand());
        var again = await db.SendAsync<int>(new GrantCollectorStatusesCommand());

        granted.Should().BeGreaterThanOrEqualTo(1);
        again.Should().Be(0, "a re-run grants nothing twice");
        var status = (await StatusesAsync(atThreshold)).Should().ContainSingle().Subject;
        (status.Year, status.Value, status.Source).Should().Be((2031, 12_000m, CollectorGrant.PreviousYear));
        (await StatusesAsync(oneBelow)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_previous_calendar_year_is_the_clubs_year_not_the_UTC_one()
    {
        await PriceAsync(Ring, 6_000m);
        await SettingsAsync(threshold: 6_000m);

        // 23:30 on 31 December in Moscow (20:30 UTC): this year's item, the status for this year at once.
        db.Clock.Now = new DateTimeOffset(2032, 12, 31, 23, 30, 0, Moscow);
        var lastEvening = await BuyerWithItemsAsync(Ring, 1);
        // 00:30 on 1 January in Moscow, still 31 December in UTC: next year's item.
        db.Clock.Now = new DateTimeOffset(2033, 1, 1, 0, 30, 0, Moscow);
        var firstNight = await BuyerWithItemsAsync(Ring, 1);

        (await YearsAsync(lastEvening)).Should().Equal([2032]);
        (await YearsAsync(firstNight)).Should().Equal([2033]);
        (await StatusesAsync(firstNight)).Single().Source.Should().Be(CollectorGrant.Registration);

        db.Clock.Now = new DateTimeOffset(2033, 1, 1, 1, 0, 0, Moscow);
        await db.SendAsync<int>(new GrantCollectorStatusesCommand());
        (await YearsAsync(lastEvening)).Should().Equal([2032, 2033], "2032's item keeps the status through 2033");

        db.Clock.Now = new DateTimeOffset(2034, 1, 1, 0, 20, 0, Moscow);
        await db.SendAsync<int>(new GrantCollectorStatusesCommand());
        (await YearsAsync(firstNight)).Should().Equal([2033, 2034], "its item counted for 2033, so it holds 2034");
        (await YearsAsync(lastEvening)).Should().Equal([2032, 2033], "nothing registered in 2033");
    }

    [Fact]
    public async Task A_leap_years_29_February_and_366th_day_count_for_that_year()
    {
        await PriceAsync(Ring, 6_000m);
        await SettingsAsync(threshold: 12_000m);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var tags = (await TestTags.CreateBatchAsync(db.Services, 2, Ring)).Tags;

        db.Clock.Now = new DateTimeOffset(2036, 2, 29, 12, 0, 0, Moscow);
        await RegisterAsync(buyer, tags[0]);
        (await StatusesAsync(buyer)).Should().BeEmpty("6 000 is below the threshold");
        db.Clock.Now = new DateTimeOffset(2036, 12, 31, 23, 59, 0, Moscow);
        await RegisterAsync(buyer, tags[1]);
        (await YearsAsync(buyer)).Should().Equal([2036], "the 366th day is still 2036");

        db.Clock.Now = new DateTimeOffset(2037, 1, 1, 0, 20, 0, Moscow);
        await db.SendAsync<int>(new GrantCollectorStatusesCommand());
        (await YearsAsync(buyer)).Should().Equal([2036, 2037]);
        var status = (await StatusesAsync(buyer)).Last();
        (status.ValidFrom, status.ValidUntil).Should().Be((new DateTimeOffset(2037, 1, 1, 0, 0, 0, Moscow), new DateTimeOffset(2038, 1, 1, 0, 0, 0, Moscow)));
    }

    [Fact]
    public async Task The_multiplier_applies_once_opened_in_the_registrations_one_posting_and_only_once()
    {
        await PriceAsync(Ring, 6_000m);
        await SettingsAsync(threshold: 6_000m, multiplier: 1.5m);
        db.Clock.Now = new DateTimeOffset(2040, 3, 1, 12, 0, 0, Moscow);
        var holder = await BuyerWithItemsAsync(Ring, 1);
        var tags = (await TestTags.CreateBatchAsync(db.Services, 2, Ring)).Tags;

        (await RegisterAsync(holder, tags[0])).Points.Should().Be(150, "benefits apply only once the member has opened them");
        (await db.SendAsync<bool>(new OpenCollectorBenefitsCommand(holder))).Should().BeTrue();
        var before = await db.BalanceAsync(holder);
        var results = await ActivityTesting.InParallelAsync(10, () => db.SendAsync<RegisterItemResult>(new RegisterItemCommand(holder, tags[1].Serial, tags[1].ScratchCode)));

        results.Should().ContainSingle(r => r.Outcome == RegistrationOutcome.Registered).Which.Points.Should().Be(225);
        (await db.BalanceAsync(holder) - before).Should().Be(225);
        var history = (await db.SendAsync<Club.Application.Features.Points.MyPoints>(new Club.Application.Features.Points.GetMyPointsQuery(holder))).History;
        history.Count(h => h.Reason == PointsReason.ItemRegistered).Should().Be(3, "one posting per registration, no second credit");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Opening_is_recorded_once_with_one_set_of_coupons_and_one_mail_and_unlocks_exclusive_gifts()
    {
        await PriceAsync(Ring, 6_000m);
        await SettingsAsync(threshold: 6_000m, coupons: [24, 6]);
        db.Clock.Now = new DateTimeOffset(2041, 5, 1, 12, 0, 0, Moscow);
        var holder = await BuyerWithItemsAsync(Ring, 1);
        var other = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var gift = await db.SendAsync<SaveGiftResult>(new SaveGiftCommand(
            null, "Брошь коллекционера", "", "", 100, 5, null, GiftAudience.Collectors, null, null, null, GiftState.Published));
        gift.Saved.Should().BeTrue();

        (await db.SendAsync<CollectorStatusView?>(new GetCollectorStatusQuery(other))).Should().BeNull("the status is hidden from everybody else");
        var closed = await db.SendAsync<CollectorStatusView?>(new GetCollectorStatusQuery(holder));
        (closed!.Opened, closed.Coupons.Count).Should().Be((false, 0));
        (await GiftIdsAsync(holder)).Should().NotContain(gift.GiftId!.Value, "not before the benefits are opened");

        await ActivityTesting.InParallelAsync(5, () => db.SendAsync<bool>(new OpenCollectorBenefitsCommand(holder)));

        var open = await db.SendAsync<CollectorStatusView?>(new GetCollectorStatusQuery(holder));
        open!.OpenedAt.Should().Be(db.Clock.Now);
        open.Coupons.Select(c => (c.Percent, c.State)).Should().Equal([(24, CouponState.Usable), (6, CouponState.Waiting)]);
        (await GiftIdsAsync(holder)).Should().Contain(gift.GiftId.Value);
        (await GiftIdsAsync(other)).Should().NotContain(gift.GiftId.Value);
        await using var context = await ContextAsync();
        (await context.MailOutbox.CountAsync(m => m.MemberId == holder && m.Template == OpenCollectorBenefitsHandler.MailTemplate)).Should().Be(1);
        (await db.SendAsync<bool>(new OpenCollectorBenefitsCommand(other))).Should().BeFalse();
    }

    [Fact]
    public async Task A_coupon_is_redeemed_once_under_parallel_redemptions_and_in_order()
    {
        await PriceAsync(Ring, 6_000m);
        await SettingsAsync(threshold: 6_000m, coupons: [24, 6]);
        db.Clock.Now = new DateTimeOffset(2042, 5, 1, 12, 0, 0, Moscow);
        var holder = await BuyerWithItemsAsync(Ring, 1);
        await db.SendAsync<bool>(new OpenCollectorBenefitsCommand(holder));
        var coupons = (await db.SendAsync<CollectorStatusView?>(new GetCollectorStatusQuery(holder)))!.Coupons;
        var desk = new CouponDesk(await PartnerStaffAsync());

        (await db.SendAsync<CouponRedemption>(new RedeemCollectorCouponCommand(desk, coupons[1].Code))).Redeemed.Should().BeFalse("the −24 % coupon comes first");
        var results = await ActivityTesting.InParallelAsync(20, () => db.SendAsync<CouponRedemption>(new RedeemCollectorCouponCommand(desk, coupons[0].Code.ToLowerInvariant())));

        results.Count(r => r.Redeemed).Should().Be(1);
        results.Should().OnlyContain(r => r.Check.Outcome == CouponCheckOutcome.Redeemed);
        (await db.SendAsync<CouponCheck>(new CheckCollectorCouponQuery(desk, coupons[1].Code))).Outcome.Should().Be(CouponCheckOutcome.Usable);
        (await db.SendAsync<CouponRedemption>(new RedeemCollectorCouponCommand(desk, coupons[1].Code))).Redeemed.Should().BeTrue();
        (await db.SendAsync<CouponCheck>(new CheckCollectorCouponQuery(desk, "COL-00000000"))).Outcome.Should().Be(CouponCheckOutcome.NotFound);
        var buyerDesk = new CouponDesk((await TestTags.CreateBuyerAsync(db.Services)).Id);
        (await db.SendAsync<CouponCheck>(new CheckCollectorCouponQuery(buyerDesk, coupons[0].Code))).Outcome.Should().Be(CouponCheckOutcome.NotPartnerStaff);
    }

    [Fact]
    public async Task Bad_settings_are_refused_and_change_nothing()
    {
        SaveCollectorSettingsCommand Valid() => new("tests", true, "Коллекционер", "Collector", 12_000m, 1.5m, [24, 6]);

        foreach (var bad in new[]
                 {
                     Valid() with { Threshold = 0m }, Valid() with { Multiplier = 100m }, Valid() with { Multiplier = 1.555m },
                     Valid() with { CouponPercents = [95] }, Valid() with { CouponPercents = [1, 2, 3, 4] }, Valid() with { Name = " " },
                     Valid() with { NameEn = new string('n', 100) },
                 })
        {
            (await db.SendAsync<Result>(bad)).Succeeded.Should().BeFalse();
        }

        (await db.SendAsync<Result>(Valid())).Succeeded.Should().BeTrue();
    }

    private async Task SettingsAsync(decimal threshold, decimal multiplier = 1.5m, int[]? coupons = null) =>
        (await db.SendAsync<Result>(new SaveCollectorSettingsCommand("tests", true, "Коллекционер", "Collector", threshold, multiplier, coupons ?? [24, 6])))
            .Succeeded.Should().BeTrue();

    private async Task PriceAsync(string sku, decimal price)
    {
        await using var context = await ContextAsync();
        await context.Database.ExecuteSqlAsync($"UPDATE products SET recommended_price = {price} WHERE sku = {sku}");
    }

    private async Task<Guid> BuyerWithItemsAsync(string sku, int items)
    {
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        foreach (var tag in (await TestTags.CreateBatchAsync(db.Services, items, sku)).Tags)
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

    /// <summary>A partner manager: a member with a partner and no seller status.</summary>
    private async Task<Guid> PartnerStaffAsync()
    {
        var staff = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await TestTags.EnsureStockPartnerAsync(db.Services);
        await using var context = await ContextAsync();
        await context.Database.ExecuteSqlAsync($"UPDATE members SET partner_id = (SELECT id FROM partners WHERE name = {TestTags.StockPartner}) WHERE id = {staff}");
        return staff;
    }

    private async Task<IReadOnlyList<int>> GiftIdsAsync(Guid member) =>
        (await db.SendAsync<GiftList>(new ListGiftsQuery(new GiftViewer(member, IsBuyer: true, IsSeller: false)))).Gifts.Select(g => g.Id).ToList();

    private async Task<List<CollectorStatus>> StatusesAsync(Guid member)
    {
        await using var context = await ContextAsync();
        return await context.CollectorStatuses.AsNoTracking().Where(s => s.MemberId == member).OrderBy(s => s.Year).ToListAsync();
    }

    private async Task<List<int>> YearsAsync(Guid member) => [.. (await StatusesAsync(member)).Select(s => s.Year)];

    private Task<IClubDb> ContextAsync() => db.WithScopeAsync<IClubDbFactory, IClubDb>(factory => factory.CreateAsync());
}
