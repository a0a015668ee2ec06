using System.Collections.Concurrent;
using Club.Application.Abstractions;
using Club.Application.Features.Catalog;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Catalog;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Catalog;

/// <summary>Keeps every queued mail's key instead of sending it.</summary>
public sealed class RecordingOutbox : IMailOutbox
{
    public ConcurrentQueue<(string Key, MemberMail Mail)> Sent { get; } = new();

    public Task EnqueueAsync(string idempotencyKey, MemberMail mail, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((idempotencyKey, mail));
        return Task.CompletedTask;
    }
}

/// <summary>A demo-data database whose mail lands in <see cref="Outbox"/>.</summary>
public sealed class CatalogFixture : DatabaseFixture
{
    public RecordingOutbox Outbox { get; } = new();

    protected override void Configure(IServiceCollection services) => services.AddSingleton<IMailOutbox>(Outbox);
}

internal static class CatalogTestSupport
{
    public static async Task<int> CreateGiftAsync(
        this DatabaseFixture db, int points, int stock, GiftAudience audience = GiftAudience.Everyone, string? partner = null,
        GiftState state = GiftState.Published)
    {
        var saved = await db.SendAsync<SaveGiftResult>(new SaveGiftCommand(
            null, "Тестовый подарок " + Guid.NewGuid().ToString("N")[..6], "", "Тест", points, stock, null, audience, partner, null, null, state));
        saved.Error.Should().BeNull();
        return saved.GiftId!.Value;
    }

    public static async Task<Guid> BuyerWithPointsAsync(this DatabaseFixture db, int points)
    {
        var (id, _) = await TestTags.CreateBuyerAsync(db.Services);
        if (points > 0)
        {
            await db.GiveAsync(id, points, DateTimeOffset.UtcNow);
        }

        return id;
    }

    public static async Task<Guid> ActiveSellerAsync(this DatabaseFixture db, string partnerName, int points)
    {
        await using var scope = db.Services.CreateAsyncScope();
        var context = await scope.ServiceProvider.GetRequiredService<IClubDbFactory>().CreateAsync();
        await using var _ = context;
        var partner = await context.Partners.Include(p => p.Shops).SingleAsync(p => p.Name == partnerName);
        var (seller, _) = await TestTags.CreateSellerAsync(db.Services, partner.Id, partner.Shops[0].Id, name: "Продавец " + Guid.NewGuid().ToString("N")[..10]);
        await db.GiveAsync(seller, points, DateTimeOffset.UtcNow);
        return seller;
    }

    public static async Task GiveAsync(this DatabaseFixture db, Guid member, int points, DateTimeOffset earnedAt)
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        (await PointsLedger.PostAsync(context, new PointsPosting(member, points, PointsReason.Correction, PointsLedger.MemberReference, "test",
            "test:give:" + Guid.NewGuid()), earnedAt, CancellationToken.None)).Should().BeTrue();
    }

    public static Task<PlaceGiftOrderResult> OrderAsync(this DatabaseFixture db, Guid member, int giftId, Guid? key = null, bool seller = false) =>
        db.SendAsync<PlaceGiftOrderResult>(new PlaceGiftOrderCommand(
            new GiftViewer(member, IsBuyer: !seller, IsSeller: seller), giftId, key ?? Guid.NewGuid(), GiftDelivery.Post, "101000, Москва, ул. Тестовая, 1", null));

    public static async Task<T> QueryAsync<T>(this DatabaseFixture db, Func<IClubDb, Task<T>> query)
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        return await query(context);
    }

    public static Task<int> StockAsync(this DatabaseFixture db, int giftId) =>
        db.QueryAsync(c => c.Gifts.Where(g => g.Id == giftId).Select(g => g.Stock).SingleAsync());

    public static Task<int> BalanceAsync(this DatabaseFixture db, Guid member) =>
        db.QueryAsync(async c => await c.PointsBalances.Where(b => b.MemberId == member).Select(b => (int?)b.Balance).SingleOrDefaultAsync() ?? 0);

    /// <summary>
    /// Members whose books do not balance: balance row vs sum of entries vs open lots (no lot has expired
    /// in these tests, so what remains in lots is exactly the balance). Should be none.
    /// </summary>
    public static Task<List<string>> UnbalancedBooksAsync(this DatabaseFixture db) =>
        db.QueryAsync(c => c.Database.SqlQuery<string>($"""
            SELECT m.id::text AS "Value"
            FROM members m
            LEFT JOIN points_balances b ON b.member_id = m.id
            LEFT JOIN (SELECT member_id, sum(amount) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = m.id
            LEFT JOIN (SELECT member_id, sum(remaining) AS total FROM points_lots GROUP BY member_id) l ON l.member_id = m.id
            WHERE coalesce(b.balance, 0) <> coalesce(e.total, 0) OR coalesce(b.balance, 0) <> coalesce(l.total, 0)
            """).ToListAsync());

    /// <summary>Gifts whose stock plus their live (not refunded) orders differs from the stock they started with.</summary>
    public static Task<int> LiveOrdersAsync(this DatabaseFixture db, int giftId) =>
        db.QueryAsync(c => c.GiftOrders.CountAsync(o => o.GiftId == giftId && o.Status != GiftOrderStatus.Cancelled && o.Status != GiftOrderStatus.Rejected));
}
