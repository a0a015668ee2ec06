using System.Diagnostics;
using System.Text;
using Club.Application.Features.Products;
using Club.Testing;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace Club.Application.Tests.Features.Products;

public class ImportProductsTests(DatabaseFixture db, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Two_hundred_rows_with_three_bad_ones_are_reported_and_nothing_is_half_written()
    {
        var rows = Rows("T-IMP", 200);
        rows[10]["collection"] = "Нет такой";
        rows[50]["recommended_price"] = "дорого";
        rows[120]["sku"] = "T-IMP-0001";
        var file = Xlsx(rows);

        var dryRun = await db.SendAsync<ImportReport>(new ImportProductsCommand(file, Apply: false, SkipRefused: false));
        var refusedApply = await db.SendAsync<ImportReport>(new ImportProductsCommand(file, Apply: true, SkipRefused: false));
        var before = (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("T-IMP-"))).Total;

        dryRun.Count(ImportOutcome.Created).Should().Be(197);
        dryRun.Rows.Where(r => r.Outcome == ImportOutcome.Refused).Select(r => (r.Line, r.Column, r.Reason!.Key)).Should().Equal(
            (12, "collection", "\"{0}\" is not in the reference list."),
            (52, "recommended_price", "The price is a number of roubles from 0 to {0:N0}, with at most two decimals."),
            (122, "sku", "This SKU is in the file twice."));
        refusedApply.Applied.Should().BeFalse();
        before.Should().Be(0, "a file with refused rows writes nothing unless told to leave them out");

        var skipping = await db.SendAsync<ImportReport>(new ImportProductsCommand(file, Apply: true, SkipRefused: true));

        skipping.Applied.Should().BeTrue();
        (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("T-IMP-"))).Total.Should().Be(197);
    }

    [Fact]
    public async Task A_semicolon_csv_updates_products_by_sku_with_reference_names_and_keeps_their_points_and_photos()
    {
        var csv = "\uFEFFsku;name_ru;name_en;collection;category;metal;stone;description;recommended_price;active\r\n"
                  + "AQ-CLS-R01;\"Кольцо «Классика»; новое\";Classic ring;Classic;Кольцо;Золото 585;;Описание;\"12 500,50\";да\r\n"
                  + "T-CSV-NEW;Новое кольцо;;Весна;Ring;Silver 925;Топаз;;;0\r\n";

        var report = await db.SendAsync<ImportReport>(new ImportProductsCommand(Encoding.UTF8.GetBytes(csv), Apply: true, SkipRefused: false));

        report.Rows.Select(r => r.Outcome).Should().Equal(ImportOutcome.Updated, ImportOutcome.Created);
        report.Applied.Should().BeTrue();
        var updated = (await db.SendAsync<IReadOnlyList<ProductListItem>>(new ListProductsQuery())).Single(p => p.Sku == "AQ-CLS-R01");
        updated.Should().BeEquivalentTo(new { Name = "Кольцо «Классика»; новое", Collection = "Классика", Category = "Ring", Points = 300, PhotoUrl = "/media/products/AQ-CLS-R01.svg" });
        var id = (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("AQ-CLS-R01"))).Rows.Single().Id;
        (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!.RecommendedPrice.Should().Be(12500.50m);
        var created = (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("T-CSV-NEW", Archived: true))).Rows.Single();
        created.Should().BeEquivalentTo(new { Collection = "Весна", Category = "Ring", IsActive = false, PhotoUrl = "/media/products/T-CSV-NEW.svg" });
    }

    [Fact]
    public async Task Files_that_are_not_catalogues_are_refused_as_a_whole()
    {
        var noSku = await db.SendAsync<ImportReport>(new ImportProductsCommand("name_ru,collection\r\nX,Y\r\n"u8.ToArray(), Apply: true, SkipRefused: true));
        var binary = await db.SendAsync<ImportReport>(new ImportProductsCommand([0xFF, 0xFE, 0x00, 0xD8, 0x01], Apply: true, SkipRefused: true));
        var brokenZip = await db.SendAsync<ImportReport>(new ImportProductsCommand([.. "PK\u0003\u0004"u8, 1, 2, 3], Apply: true, SkipRefused: true));

        noSku.FileError!.Key.Should().Be("The file has no column \"{0}\". The first row must name the columns.");
        binary.FileError.Should().NotBeNull();
        brokenZip.FileError.Should().NotBeNull();
    }

    [Fact]
    public async Task The_export_reads_back_as_updates_of_every_product()
    {
        var xlsx = await db.SendAsync<ExportedFile>(new ExportCatalogueQuery(Csv: false));
        var csv = await db.SendAsync<ExportedFile>(new ExportCatalogueQuery(Csv: true));

        var fromXlsx = await db.SendAsync<ImportReport>(new ImportProductsCommand(xlsx.Content, Apply: false, SkipRefused: false));
        var fromCsv = await db.SendAsync<ImportReport>(new ImportProductsCommand(csv.Content, Apply: false, SkipRefused: false));

        fromXlsx.Rows.Should().HaveCountGreaterThanOrEqualTo(20).And.OnlyContain(r => r.Outcome == ImportOutcome.Updated);
        fromCsv.Rows.Should().HaveCount(fromXlsx.Rows.Count).And.OnlyContain(r => r.Outcome == ImportOutcome.Updated);
        xlsx.FileName.Should().EndWith(".xlsx");
        Encoding.UTF8.GetString(csv.Content).Should().StartWith("\uFEFFsku;name_ru;");
    }

    [Fact]
    public async Task Five_thousand_rows_are_checked_and_written_quickly()
    {
        var file = Xlsx(Rows("T-BIG", 5000));
        var clock = Stopwatch.StartNew();

        var report = await db.SendAsync<ImportReport>(new ImportProductsCommand(file, Apply: true, SkipRefused: false));

        clock.Stop();
        output.WriteLine($"5,000 rows ({file.Length / 1024} KB XLSX): checked and written in {clock.ElapsedMilliseconds} ms");
        report.Applied.Should().BeTrue();
        report.Count(ImportOutcome.Created).Should().Be(5000);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "one upsert, not a save per row (generous: the test machine is shared)");
        (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("T-BIG-"))).Total.Should().Be(5000);
    }

    private static List<Dictionary<string, object?>> Rows(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => new Dictionary<string, object?>
        {
            ["sku"] = $"{prefix}-{i:0000}",
            ["name_ru"] = $"Кольцо №{i}",
            ["name_en"] = $"Ring {i}",
            ["collection"] = "Морская",
            ["category"] = "Ring",
            ["metal"] = "Серебро 925",
            ["stone"] = i % 2 == 0 ? "Топаз" : null,
            ["description"] = "",
            ["recommended_price"] = 1000 + i,
            ["active"] = 1,
        }).ToList();

    private static byte[] Xlsx(List<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }
}
