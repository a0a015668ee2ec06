using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Registration;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Registration;

/// <summary>Buyers with registered items, for the member desk's owner changes and returns.</summary>
internal static class ItemDeskSupport
{
    public static async Task<(Guid Id, string Email)> BuyerAsync(DatabaseFixture db) => await TestTags.CreateBuyerAsync(db.Services);

    /// <summary>A new buyer who has registered one new item; returns the buyer, the item and its points.</summary>
    public static async Task<(Guid Buyer, PrintedTag Tag, int Points)> BuyerWithItemAsync(DatabaseFixture db)
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = (await BuyerAsync(db)).Id;
        var registered = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));
        registered.Outcome.Should().Be(RegistrationOutcome.Registered);
        return (buyer, tags[0], registered.Points + registered.Bonus + registered.PromotionBonus);
    }

    public static async Task<int> BalanceAsync(DatabaseFixture db, Guid member)
    {
        await using var context = await CreateAsync(db);
        return await context.PointsBalances.Where(b => b.MemberId == member).Select(b => b.Balance).SingleOrDefaultAsync();
    }

    /// <summary>The first-item bonus the member was paid (0 if none).</summary>
    public static async Task<int> FirstItemBonusAsync(DatabaseFixture db, Guid member)
    {
        await using var context = await CreateAsync(db);
        return await context.PointsEntries.Where(e => e.MemberId == member && e.Reason == PointsReason.FirstItemBonus).SumAsync(e => e.Amount);
    }

    /// <summary>Spends points as a gift order would: a debit through the ledger.</summary>
    public static async Task SpendAsync(DatabaseFixture db, Guid member, int points)
    {
        await using var context = await CreateAsync(db);
        var key = $"test-spend:{Guid.NewGuid():N}";
        await PointsLedger.PostAsync(context, new PointsPosting(member, -points, PointsReason.GiftOrdered, "order", key, key), DateTimeOffset.UtcNow, default);
    }

    public static long TagId(DatabaseFixture db, string serial)
    {
        db.Services.GetRequiredService<ITagCodes>().TryDecodeSerial(serial, out var id);
        return id;
    }

    /// <summary>Every account's sum of entries = balance - debt and balance = open lots (none may break it).</summary>
    public static async Task<List<string>> InvariantBreachesAsync(DatabaseFixture db)
    {
        await using var context = await CreateAsync(db);
        return await LedgerChecks.InvariantBreachesAsync(context);
    }

    public static async Task<IClubDb> CreateAsync(DatabaseFixture db) => await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
