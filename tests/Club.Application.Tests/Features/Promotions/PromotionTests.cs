using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.Points;
using Club.Application.Features.Registration;
using Club.Application.Features.Tags;
using Club.Application.Features.Verification;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Domain.Products;
using Club.Domain.Tags;
using Club.Testing;
using Club.Application.Features.Promotions;

using Club.Application.Tests.Features.Activities;

namespace Club.Application.Tests.Features.Promotions;

public class PromotionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    // Earrings (170 points) and a ring (140) of the "Весна" collection; each test promotes what only it
    // registers, and no other test class shares this database.
    private const string Earrings = "AQ-SPR-E01";
    private const string Ring = "AQ-SPR-R01";

    [Fact]
    public async Task A_partner_promotion_pays_its_bonus_once_with_the_registration_of_that_partners_items()
    {
        var partners = await db.SendAsync<IReadOnlyList<string>>(new ListPartnerNamesQuery());
        await CreateAsync("Spring x2 at partner 0", partners[0], "Весна", null, extra: 0, multiplier: 2m);
        var ours = await ShippedTagAsync(partners[0], Earrings);
        var theirs = await ShippedTagAsync(partners[1], Earrings);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await PromisedAsync(ours.Serial, buyer)).Should().Be((170 + 170, 170), "the scan page promises what the registration will pay");
        (await PromisedAsync(theirs.Serial, buyer)).Should().Be((170, 0));
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, theirs.Serial, theirs.ScratchCode));
        var before = await db.BalanceAsync(buyer);

        var results = await ActivityTesting.InParallelAsync(20, () => db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, ours.Serial, ours.ScratchCode)));

        results.Count(r => r.Outcome == RegistrationOutcome.Registered).Should().Be(1);
        results.Single(r => r.Outcome == RegistrationOutcome.Registered).PromotionBonus.Should().Be(170);
        (await db.BalanceAsync(buyer) - before).Should().Be(170 + 170);
        var history = (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).History;
        history.Should().ContainSingle(h => h.Reason == PointsReason.PromotionBonus, "the other partner's item earns no bonus");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_most_generous_running_promotion_applies_and_ended_ones_do_not()
    {
        var partners = await db.SendAsync<IReadOnlyList<string>>(new ListPartnerNamesQuery());
        await CreateAsync("Rings +30", null, null, ProductCategories.Ring, extra: 30, multiplier: 1m);
        await CreateAsync("Rings +90", null, null, ProductCategories.Ring, extra: 90, multiplier: 1m);
        var ended = await CreateAsync("Rings +1000", null, null, ProductCategories.Ring, extra: 1000, multiplier: 1m);
        (await db.SendAsync<Result>(new EndPromotionCommand(ended))).Succeeded.Should().BeTrue();
        var tag = await ShippedTagAsync(partners[1], Ring);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var promised = await PromisedAsync(tag.Serial, buyer);

        var result = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tag.Serial, tag.ScratchCode));

        result.PromotionBonus.Should().Be(90);
        promised.Should().Be((140 + 90, 90), "the scan page picks the same promotion as the registration");
        (await db.SendAsync<IReadOnlyList<PromotionRow>>(new ListPromotionsQuery(buyer))).Select(p => p.Title)
            .Should().Contain(["Rings +30", "Rings +90"]).And.NotContain("Rings +1000");
    }

    [Fact]
    public async Task Bad_promotions_are_refused()
    {
        var now = DateTimeOffset.UtcNow;
        CreatePromotionCommand Valid() => new("tests", "Ok", null, null, null, now, now.AddDays(1), 10, 1m);

        (await db.SendAsync<Result>(Valid() with { Multiplier = 100m })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { Multiplier = 1.555m })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { ExtraPoints = 0 })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { EndsAt = now.AddDays(-1) })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { PartnerName = "Nobody" })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { Collection = "Nothing" })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { Category = "NoSuchCategory" })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { Title = new string('t', 1000) })).Succeeded.Should().BeFalse();
    }

    private async Task<int> CreateAsync(string title, string? partner, string? collection, string? category, int extra, decimal multiplier)
    {
        var now = DateTimeOffset.UtcNow;
        (await db.SendAsync<Result>(new CreatePromotionCommand("tests", title, partner, collection, category, now.AddMinutes(-1), now.AddDays(3), extra, multiplier)))
            .Succeeded.Should().BeTrue();
        return (await db.SendAsync<IReadOnlyList<PromotionRow>>(new ListPromotionsQuery())).First(p => p.Title == title).Id;
    }

    /// <summary>The points and promotion bonus the scan page promises for registering the tag.</summary>
    private async Task<(int Points, int PromotionBonus)> PromisedAsync(string serial, Guid buyer)
    {
        var scan = await db.SendAsync<ScanVerdict>(new ScanTagCommand(serial, buyer, Log: false));
        return (scan.Product!.Points, scan.Product.PromotionBonus);
    }

    private async Task<PrintedTag> ShippedTagAsync(string partner, string sku)
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1, sku, onSale: false);
        foreach (var (state, to) in new[] { (TagBatchState.Printed, null), (TagBatchState.Shipped, partner), (TagBatchState.Active, null) })
        {
            (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, state, to))).Succeeded.Should().BeTrue();
        }

        return tags[0];
    }
}
