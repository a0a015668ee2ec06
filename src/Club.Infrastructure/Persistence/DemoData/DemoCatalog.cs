using Club.Domain.Brand;
using Club.Domain.Partners;
using Club.Domain.Products;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>The demo brand, its two partners with four shops, and twenty products in four collections.</summary>
internal static class DemoCatalog
{
    public static BrandSettings Brand() => new()
    {
        Name = "AQUAMARINE Club",
        ClubUrl = "https://club.aquamarine.example",
        SupportEmail = "club@aquamarine.example",
        SupportPhone = "8 800 000-00-00",
    };

    public static IReadOnlyList<Partner> Partners() =>
    [
        new Partner
        {
            Name = "Лазурит",
            LegalName = "ООО «Лазурит»",
            Contact = "Ирина Соколова, +7 495 100-20-30",
            TaxId = "7701000001",
            Shops =
            [
                new Shop { Name = "Лазурит — ТЦ Европейский", Kind = ShopKind.Salon, Address = new Address("Москва", "пл. Киевского Вокзала, 2", "121059"), Phone = "+7 495 100-20-31" },
                new Shop { Name = "Лазурит — интернет-магазин", Kind = ShopKind.Online, Address = new Address("Москва", "ул. Тверская, 7", "125009"), Website = "https://lazurit.example" },
            ],
        },
        new Partner
        {
            Name = "Самоцветы",
            LegalName = "АО «Самоцветы»",
            Contact = "Павел Орлов, +7 812 200-30-40",
            TaxId = "7801000002",
            Shops =
            [
                new Shop { Name = "Самоцветы — Невский", Kind = ShopKind.Salon, Address = new Address("Санкт-Петербург", "Невский пр., 28", "191186"), Phone = "+7 812 200-30-41" },
                new Shop { Name = "Самоцветы — Казань", Kind = ShopKind.Salon, Address = new Address("Казань", "ул. Баумана, 44", "420111") },
            ],
        },
    ];

    /// <summary>
    /// The demo reference lists with English names. Categories are inserted by the migration that made
    /// the lists (every installation starts with them), so they are not here.
    /// </summary>
    public static IReadOnlyList<CatalogueTerm> Terms() =>
    [
        T(CatalogueList.Collection, "Морская", "Sea"),
        T(CatalogueList.Collection, "Северное сияние", "Northern Lights"),
        T(CatalogueList.Collection, "Классика", "Classic"),
        T(CatalogueList.Collection, "Весна", "Spring"),
        T(CatalogueList.Metal, "Серебро 925", "Silver 925"),
        T(CatalogueList.Metal, "Золото 585", "Gold 585"),
        T(CatalogueList.Stone, "Аквамарин", "Aquamarine"),
        T(CatalogueList.Stone, "Топаз", "Topaz"),
        T(CatalogueList.Stone, "Фианит", "Cubic zirconia"),
        T(CatalogueList.Stone, "Жемчуг", "Pearl"),
    ];

    private static CatalogueTerm T(CatalogueList list, string code, string english) =>
        new() { List = list, Code = code, NameRu = code, NameEn = english };

    public static IReadOnlyList<Product> Products()
    {
        const string silver = "Серебро 925";
        const string gold = "Золото 585";
        return
        [
            P("AQ-SEA-R01", "Кольцо «Волна»", "Морская", ProductCategories.Ring, silver, "Аквамарин", 150),
            P("AQ-SEA-E01", "Серьги «Прибой»", "Морская", ProductCategories.Earrings, silver, "Аквамарин", 200),
            P("AQ-SEA-P01", "Подвеска «Капля»", "Морская", ProductCategories.Pendant, gold, "Аквамарин", 400),
            P("AQ-SEA-B01", "Браслет «Бриз»", "Морская", ProductCategories.Bracelet, silver, null, 120),
            P("AQ-SEA-N01", "Колье «Лагуна»", "Морская", ProductCategories.Necklace, gold, "Топаз", 600),
            P("AQ-AUR-R01", "Кольцо «Сияние»", "Северное сияние", ProductCategories.Ring, gold, "Фианит", 350),
            P("AQ-AUR-E01", "Серьги «Полярная звезда»", "Северное сияние", ProductCategories.Earrings, gold, "Фианит", 380),
            P("AQ-AUR-P01", "Подвеска «Аврора»", "Северное сияние", ProductCategories.Pendant, silver, "Топаз", 180),
            P("AQ-AUR-B01", "Браслет «Льдинка»", "Северное сияние", ProductCategories.Bracelet, silver, "Фианит", 160),
            P("AQ-AUR-BR1", "Брошь «Снежинка»", "Северное сияние", ProductCategories.Brooch, silver, "Фианит", 140),
            P("AQ-CLS-R01", "Кольцо «Классика»", "Классика", ProductCategories.Ring, gold, null, 300),
            P("AQ-CLS-R02", "Обручальное кольцо", "Классика", ProductCategories.Ring, gold, null, 280),
            P("AQ-CLS-E01", "Серьги-пусеты", "Классика", ProductCategories.Earrings, gold, "Жемчуг", 320),
            P("AQ-CLS-P01", "Подвеска «Сердце»", "Классика", ProductCategories.Pendant, silver, "Жемчуг", 130),
            P("AQ-CLS-N01", "Цепь-колье «Якорь»", "Классика", ProductCategories.Necklace, silver, null, 110),
            P("AQ-SPR-R01", "Кольцо «Незабудка»", "Весна", ProductCategories.Ring, silver, "Топаз", 140),
            P("AQ-SPR-E01", "Серьги «Ландыш»", "Весна", ProductCategories.Earrings, silver, "Жемчуг", 170),
            P("AQ-SPR-P01", "Подвеска «Бутон»", "Весна", ProductCategories.Pendant, gold, "Топаз", 360),
            P("AQ-SPR-B01", "Браслет «Сакура»", "Весна", ProductCategories.Bracelet, gold, "Фианит", 420),
            P("AQ-SPR-BR1", "Брошь «Бабочка»", "Весна", ProductCategories.Brooch, silver, "Аквамарин", 190),
        ];
    }

    private static Product P(string sku, string name, string collection, string category, string metal, string? stone, int points) => new()
    {
        Sku = sku,
        Name = name,
        Collection = collection,
        Category = category,
        Metal = metal,
        Stone = stone,
        Points = points,
        // Generated on request from the product's category, metal and stone (see the web app's ProductImage).
        PhotoUrl = Product.DrawingUrl(sku),
    };
}
