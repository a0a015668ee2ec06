using Club.Application.Abstractions;
using Club.Application.Features.Products;
using Club.Application.Features.Promotions;
using Club.Domain.Products;
using Club.Testing;

namespace Club.Application.Tests.Features.Products;

public class CatalogueTermTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_migration_and_demo_data_fill_the_lists_with_what_products_use()
    {
        var terms = await db.SendAsync<CatalogueTerms>(new ListCatalogueTermsQuery());

        terms.Of(CatalogueList.Category).Select(t => t.Code).Should().Contain(["Ring", "Earrings", "Pendant", "Bracelet", "Necklace", "Brooch"]);
        terms.Name(CatalogueList.Category, "Ring", english: false).Should().Be("Кольцо");
        terms.Name(CatalogueList.Collection, "Морская", english: true).Should().Be("Sea");
        terms.Of(CatalogueList.Collection).Single(t => t.Code == "Морская").Products.Should().Be(5);
        terms.Of(CatalogueList.Metal).Should().HaveCount(2);
    }

    [Fact]
    public async Task An_entry_is_added_renamed_and_deactivated_but_its_code_is_never_taken_twice()
    {
        (await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Stone, "Сапфир", "Сапфир", "Sapphire", true, IsNew: true))).Succeeded.Should().BeTrue();

        var again = await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Stone, "Сапфир", "Другой", "", true, IsNew: true));
        again.Succeeded.Should().BeFalse();
        again.Errors[0].MemberNames.Should().Equal("Code");
        (await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Stone, "Сапфир", "Сапфир синий", "Blue sapphire", false, IsNew: false))).Succeeded.Should().BeTrue();

        var terms = await db.SendAsync<CatalogueTerms>(new ListCatalogueTermsQuery());
        var sapphire = terms.Of(CatalogueList.Stone).Single(t => t.Code == "Сапфир");
        sapphire.Should().BeEquivalentTo(new { NameRu = "Сапфир синий", NameEn = "Blue sapphire", IsActive = false });
        terms.Offered(CatalogueList.Stone, null).Should().NotContain(sapphire, "inactive entries are not offered for new products");
    }

    [Fact]
    public async Task The_same_code_added_at_once_is_taken_once_and_the_others_get_a_message()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Stone, "Шпинель", $"Шпинель {i}", "Spinel", true, IsNew: true))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Errors.Single().MemberNames.Single() == "Code");
    }

    [Fact]
    public async Task Bad_entries_are_refused_with_the_field()
    {
        var noName = await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Metal, "Платина", " ", "Platinum", true, IsNew: true));
        var longCode = await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Metal, new string('x', 101), "Х", "", true, IsNew: true));
        var unknown = await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Metal, "Нет такого", "Х", "", true, IsNew: false));

        noName.Errors.Single().MemberNames.Should().Equal("NameRu");
        longCode.Errors.Single().MemberNames.Should().Equal("Code");
        unknown.Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task Promotions_take_categories_and_collections_from_the_lists()
    {
        var now = DateTimeOffset.UtcNow;
        (await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Category, "Chain", "Цепь", "Chain", true, IsNew: true))).Succeeded.Should().BeTrue();

        var chain = await db.SendAsync<Result>(new CreatePromotionCommand("tests", "Chains", null, "Классика", "Chain", now, now.AddDays(1), 10, 1m));
        var unknown = await db.SendAsync<Result>(new CreatePromotionCommand("tests", "Nothing", null, null, "Tiara", now, now.AddDays(1), 10, 1m));

        chain.Succeeded.Should().BeTrue();
        unknown.Succeeded.Should().BeFalse();
    }
}
