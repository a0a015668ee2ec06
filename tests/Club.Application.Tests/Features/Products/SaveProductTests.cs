using Club.Application.Features.Audit;
using Club.Application.Features.Products;
using Club.Application.Features.Verification;
using Club.Domain.Verification;
using Club.Testing;

namespace Club.Application.Tests.Features.Products;

public class SaveProductTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static SaveProductCommand New(string sku) =>
        new(null, null, sku, "Кольцо «Тест»", "Ring Test", "Классика", "Ring", "Золото 585", null, "Описание", 12500.50m, true);

    [Fact]
    public async Task A_product_is_created_and_edited_with_every_field()
    {
        var created = await db.SendAsync<SaveProductResult>(New("T-CREATE-1"));
        created.Saved.Should().BeTrue();
        var product = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(created.ProductId!.Value)))!;

        var edited = await db.SendAsync<SaveProductResult>(New("T-CREATE-2") with
        {
            Id = product.Id, Version = product.Version, Name = "Кольцо «Новое»", Stone = "Топаз", RecommendedPrice = null, IsActive = false,
        });

        edited.Saved.Should().BeTrue();
        var after = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(product.Id)))!;
        after.Should().BeEquivalentTo(new
        {
            Sku = "T-CREATE-2", Name = "Кольцо «Новое»", NameEn = "Ring Test", Collection = "Классика", Category = "Ring",
            Metal = "Золото 585", Stone = "Топаз", Description = "Описание", RecommendedPrice = (decimal?)null, IsActive = false,
        });
        after.Version.Should().NotBe(product.Version);
        var log = (await db.SendAsync<AuditPage>(new ListAuditLogQuery(EntityType: "product", EntityId: product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Rows;
        log.Select(r => r.Action).Should().Equal("product.update", "product.create");
        log[0].Before.Should().Contain("T-CREATE-1");
        log[0].After.Should().Contain("T-CREATE-2");
        (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("t-create", Archived: true))).Rows.Should().ContainSingle(r => r.Sku == "T-CREATE-2");
        (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("t-create"))).Rows.Should().BeEmpty("archived products are listed apart");
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_written()
    {
        var result = await db.SendAsync<SaveProductResult>(New("bad sku!") with { Name = "", Collection = "", RecommendedPrice = -1m });

        result.Saved.Should().BeFalse();
        result.Errors.Select(e => e.Field).Should().BeEquivalentTo(["Sku", "Name", "Collection", "RecommendedPrice"]);
        (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("bad sku"))).Total.Should().Be(0);
    }

    [Fact]
    public async Task Entries_missing_from_the_lists_and_taken_skus_are_refused()
    {
        var unknownMetal = await db.SendAsync<SaveProductResult>(New("T-METAL") with { Metal = "Адамантий" });
        var takenSku = await db.SendAsync<SaveProductResult>(New("AQ-SEA-R01"));

        unknownMetal.Errors.Single().Field.Should().Be("Metal");
        takenSku.Errors.Single().Field.Should().Be("Sku");
    }

    [Fact]
    public async Task Two_admins_editing_at_once_do_not_overwrite_each_other()
    {
        var id = (await db.SendAsync<SaveProductResult>(New("T-BOTH"))).ProductId!.Value;
        var seen = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!;

        var first = await db.SendAsync<SaveProductResult>(New("T-BOTH") with { Id = id, Version = seen.Version, Name = "Первый" });
        var second = await db.SendAsync<SaveProductResult>(New("T-BOTH") with { Id = id, Version = seen.Version, Name = "Второй" });

        first.Saved.Should().BeTrue();
        second.Saved.Should().BeFalse();
        second.Errors.Single().Message.Key.Should().StartWith("Someone else saved this product");
        (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!.Name.Should().Be("Первый");
    }

    [Fact]
    public async Task Products_given_the_same_sku_at_once_get_a_message_instead_of_an_error()
    {
        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await db.SendAsync<SaveProductResult>(New($"T-RACE-{i}"))).ProductId!.Value);
        }

        var versions = await Task.WhenAll(ids.Select(async id => (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!.Version));
        var results = await Task.WhenAll(ids.Select((id, i) => db.SendAsync<SaveProductResult>(New("T-RACE-SAME") with { Id = id, Version = versions[i] })));

        results.Count(r => r.Saved).Should().Be(1);
        results.Where(r => !r.Saved).Should().OnlyContain(r => r.Errors.Single().Field == "Sku");
    }

    [Fact]
    public async Task The_sku_is_fixed_once_tags_exist_and_an_archived_product_keeps_its_tags_working()
    {
        var id = (await db.SendAsync<SaveProductResult>(New("T-TAGGED"))).ProductId!.Value;
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1, "T-TAGGED");
        var seen = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!;
        seen.HasTags.Should().BeTrue();

        var renamed = await db.SendAsync<SaveProductResult>(New("T-RENAMED") with { Id = id, Version = seen.Version });
        var archived = await db.SendAsync<SaveProductResult>(New("T-TAGGED") with { Id = id, Version = seen.Version, IsActive = false });

        renamed.Errors.Single().Field.Should().Be("Sku");
        archived.Saved.Should().BeTrue();
        var scan = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tags[0].Serial, null, Log: false));
        scan.Verdict.Should().Be(Verdict.Available);
        scan.Product!.Sku.Should().Be("T-TAGGED");
    }
}
