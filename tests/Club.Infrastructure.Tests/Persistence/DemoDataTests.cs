using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Tests.Persistence;

public class DemoDataTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Holds_the_brand_two_partners_four_shops_twenty_products_and_an_account_per_role()
    {
        var counts = await CountsAsync();

        counts.Should().Be((1, 2, 4, 20, 6));
    }

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
