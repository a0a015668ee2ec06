using Club.Application.Features.Products;
using Club.Testing;

namespace Club.Application.Tests.Features.Products;

public class ListProductsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Lists_the_demo_assortment_in_four_collections()
    {
        var products = await db.SendAsync<IReadOnlyList<ProductListItem>>(new ListProductsQuery());

        products.Should().HaveCount(20);
        products.Select(p => p.Collection).Distinct().Should().HaveCount(4);
        products.Should().OnlyContain(p => p.Points > 0 && p.PhotoUrl != null);
    }

    [Fact]
    public async Task Filters_by_collection()
    {
        var products = await db.SendAsync<IReadOnlyList<ProductListItem>>(new ListProductsQuery("Морская"));

        products.Should().HaveCount(5).And.OnlyContain(p => p.Collection == "Морская");
    }

    [Fact]
    public async Task Draws_a_picture_only_for_known_products()
    {
        (await db.SendAsync<ProductLook?>(new GetProductLookQuery("AQ-SEA-R01"))).Should().NotBeNull();
        (await db.SendAsync<ProductLook?>(new GetProductLookQuery("NOPE"))).Should().BeNull();
        (await db.SendAsync<ProductLook?>(new GetProductLookQuery(new string('A', 500)))).Should().BeNull();
    }
}
