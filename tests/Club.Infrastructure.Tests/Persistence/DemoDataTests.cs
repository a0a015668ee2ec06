using Club.Infrastructure.Persistence;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Tests.Persistence;

public class DemoDataTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Holds_the_brand_two_partners_four_shops_twenty_products_an_account_per_role_and_the_history_members()
    {
        var counts = await CountsAsync();

        counts.Should().Be((1, 2, 4, 20, 6 + DemoHistory.Buyers + DemoHistory.Sellers));
    }

    [Fact]
    public async Task Holds_a_year_of_history_in_every_month_at_every_shop_with_balanced_points()
    {
        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var yesterday = DateTime.UtcNow.Date.AddDays(-1);

        // Twelve 30-day stretches back from yesterday, each with registrations.
        var months = await context.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT floor(extract(epoch FROM {yesterday} - registered_at) / (30 * 86400)))::int AS "Value" FROM tags
            WHERE registered_at >= {yesterday.AddDays(-360)} AND registered_at < {yesterday}
            """).SingleAsync();
        var shopsSelling = await context.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT shop_id)::int AS "Value" FROM sales WHERE state = 'Confirmed'
            """).SingleAsync();
        var history = await context.Database.SqlQuery<HistoryCounts>($"""
            SELECT (SELECT count(*) FROM members WHERE seller_status = 'Active')::int AS sellers,
                (SELECT count(*) FROM tags WHERE state = 2)::int AS items,
                (SELECT count(*) FROM gift_orders)::int AS orders,
                (SELECT count(*) FROM survey_answers WHERE seller_id IS NOT NULL)::int AS seller_ratings,
                (SELECT count(*) FROM test_attempts WHERE passed)::int AS tests_passed,
                (SELECT count(*) FROM tags WHERE registered_at >= {yesterday})::int AS since_yesterday
            """).SingleAsync();
        // Per account: entries = balance - debt, balance = open lots, neither negative.
        var breaches = await context.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM points_balances b
            LEFT JOIN (SELECT member_id, sum(amount) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = b.member_id
            LEFT JOIN (SELECT member_id, sum(remaining) AS open FROM points_lots WHERE remaining > 0 GROUP BY member_id) l ON l.member_id = b.member_id
            WHERE coalesce(e.total, 0) <> b.balance - b.debt OR coalesce(l.open, 0) <> b.balance OR b.balance < 0 OR b.debt < 0
            """).SingleAsync();
        var demoAccountEntries = await context.PointsEntries.CountAsync(e => context.Users.Any(u => u.Id == e.MemberId && u.Email!.EndsWith("@club.demo")));

        months.Should().Be(12, "registrations in each month of the year");
        shopsSelling.Should().Be(4);
        history.Sellers.Should().Be(13, "twelve sellers of the history and the demo seller");
        history.Items.Should().BeGreaterThan(400);
        history.Orders.Should().BeGreaterThan(20);
        history.SellerRatings.Should().BeGreaterThan(100);
        history.TestsPassed.Should().Be(10);
        history.SinceYesterday.Should().Be(0, "today and yesterday are left to the tests and the visitor");
        breaches.Should().Be(0);
        demoAccountEntries.Should().Be(0, "the demo accounts start clean");
    }

    private sealed record HistoryCounts(int Sellers, int Items, int Orders, int SellerRatings, int TestsPassed, int SinceYesterday);

    [Fact]
    public async Task Loading_again_and_from_two_nodes_at_once_duplicates_nothing()
    {
        var before = await CountsAsync();

        // Two more "nodes" start at the same moment on the same database.
        await using var nodeA = TestServices.Build(db.ConnectionString, seedDemoData: true);
        await using var nodeB = TestServices.Build(db.ConnectionString, seedDemoData: true);
        await Task.WhenAll(nodeA.PrepareClubDatabaseAsync(), nodeB.PrepareClubDatabaseAsync());

        (await CountsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task The_demo_course_has_a_picture_and_a_pdf_once_however_often_it_is_loaded()
    {
        await using var again = TestServices.Build(db.ConnectionString, seedDemoData: true);
        await again.PrepareClubDatabaseAsync();

        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var files = await context.LessonFiles.OrderBy(f => f.Id).Select(f => new { f.ContentType, f.Length }).ToListAsync();
        files.Select(f => f.ContentType).Should().Equal("image/png", "application/pdf");
        files.Should().OnlyContain(f => f.Length > 1000);
    }

    [Fact]
    public async Task Every_demo_gift_has_one_drawn_picture_however_often_it_is_loaded()
    {
        await using var again = TestServices.Build(db.ConnectionString, seedDemoData: true);
        await again.PrepareClubDatabaseAsync();

        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var gifts = await context.Gifts
            .Select(g => new { g.PhotoVersion, Photos = context.GiftPhotos.Where(p => p.GiftId == g.Id).Select(p => new { p.ContentType, p.Content.Length }).ToList() })
            .ToListAsync();
        gifts.Should().NotBeEmpty().And.OnlyContain(g => g.PhotoVersion == 1 && g.Photos.Count == 1);
        gifts.SelectMany(g => g.Photos).Should().OnlyContain(p => p.ContentType == "image/jpeg" && p.Length > 5_000 && p.Length < 100_000);
    }

    [Fact]
    public async Task The_model_matches_the_migrations()
    {
        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();

        context.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration");
        (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
    }

    private async Task<(int Brand, int Partners, int Shops, int Products, int Accounts)> CountsAsync()
    {
        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        return (await context.Brand.CountAsync(), await context.Partners.CountAsync(), await context.Shops.CountAsync(),
            await context.Products.CountAsync(), await context.Users.CountAsync());
    }
}
