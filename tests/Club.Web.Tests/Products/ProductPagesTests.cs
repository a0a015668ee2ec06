using System.Net;
using System.Text.RegularExpressions;
using Club.Testing;

namespace Club.Web.Tests.Products;

public partial class ProductPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Theory]
    [InlineData("/manage/products", "admin@club.demo", "factory@club.demo")]
    [InlineData("/manage/products", "manager@club.demo", "buyer@club.demo")]
    [InlineData("/manage/products/new", "admin@club.demo", "partner@club.demo")]
    [InlineData("/manage/products/1", "manager@club.demo", "seller@club.demo")]
    [InlineData("/manage/catalogue", "admin@club.demo", "factory@club.demo")]
    [InlineData("/manage/products/import", "manager@club.demo", "factory@club.demo")]
    [InlineData("/manage/products/export.xlsx", "admin@club.demo", "partner@club.demo")]
    [InlineData("/manage/products/export.csv", "manager@club.demo", "buyer@club.demo")]
    public async Task Catalogue_pages_open_to_brand_staff_only(string path, string allowed, string refused) =>
        await site.AssertOpensOnlyToAsync(path, allowed, refused);

    [Fact]
    public async Task The_english_product_list_names_collections_metals_and_stones_in_english()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("factory@club.demo");

        var page = await client.GetStringAsync("/products?culture=en");

        page.Should().Contain(">Spring</a>").And.Contain("Silver 925").And.Contain("Aquamarine")
            .And.NotContain("Серебро 925").And.NotContain(">Весна</a>");
    }

    [Fact]
    public async Task A_refused_product_keeps_what_was_typed_and_says_what_is_wrong_next_to_the_field()
    {
        var admin = site.CreateBrowserlessClient();
        await admin.SignInAsync("admin@club.demo");

        var response = await HtmlForms.SubmitAsync(admin, "/manage/products/new", Product("AQ-SEA-R01", "Кольцо «Двойник»"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Этот артикул уже есть у другого изделия.").And.Contain("value=\"Кольцо «Двойник»\"")
            .And.Contain("Изделие не сохранено.");
    }

    [Fact]
    public async Task An_admin_creates_a_product_adds_a_photo_and_the_photo_is_served_publicly_with_cache_headers()
    {
        var admin = site.CreateBrowserlessClient();
        await admin.SignInAsync("admin@club.demo");

        var created = await HtmlForms.SubmitAsync(admin, "/manage/products/new", Product("T-WEB-1", "Подвеска «Веб»"));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var editor = created.Headers.Location!.ToString().Split('?')[0];
        var page = await admin.GetStringAsync(editor);
        var upload = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(page).Where(f => f.Key != "_handler"))
        {
            upload.Add(new StringContent(value), name);
        }

        upload.Add(new StringContent("photo"), "_handler");
        upload.Add(new ByteArrayContent(TestImages.JpegWithGps()), "photo", "ring.jpg");
        var uploaded = await admin.PostAsync(editor, upload);

        var html = await uploaded.Content.ReadAsStringAsync();
        html.Should().Contain("Фотография сохранена.");
        var thumbnail = PhotoUrl().Match(html).Value;
        var anonymous = site.CreateBrowserlessClient();
        var photo = await anonymous.GetAsync(thumbnail);
        photo.StatusCode.Should().Be(HttpStatusCode.OK);
        photo.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        photo.Headers.CacheControl!.ToString().Should().Contain("public").And.Contain("immutable");
        photo.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        (await anonymous.GetAsync("/media/product-photos/999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_import_page_checks_a_file_and_lists_the_refused_rows_with_their_column()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");
        var page = await manager.GetStringAsync("/manage/products/import");
        var upload = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(page).Where(f => f.Key != "_handler"))
        {
            upload.Add(new StringContent(value), name);
        }

        upload.Add(new StringContent("import"), "_handler");
        upload.Add(new StringContent("apply"), "mode");
        upload.Add(new ByteArrayContent("sku;name_ru;collection;category;metal\r\nT-PAGE-1;Кольцо;Морская;Ring;Серебро 925\r\nT-PAGE-2;Кольцо;Морская;Тиара;Серебро 925\r\n"u8.ToArray()), "file", "catalogue.csv");
        var response = await manager.PostAsync("/manage/products/import", upload);

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Пробная проверка: ничего не записано.").And.Contain("Будет создано 1 изделие, обновлено 0, отклонено 1.")
            .And.Contain("<code>category</code>").And.Contain("«Тиара» нет в справочнике.");
        var export = await manager.GetAsync("/manage/products/export.csv");
        export.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await export.Content.ReadAsStringAsync()).Should().NotContain("T-PAGE-1", "a file with a refused row writes nothing");
    }

    [Fact]
    public async Task An_upload_past_the_body_limit_is_refused_before_it_is_read_with_a_message_about_its_size()
    {
        var admin = site.CreateBrowserlessClient();
        await admin.SignInAsync("admin@club.demo");
        var page = await admin.GetStringAsync("/manage/products/1");
        var upload = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(page).Where(f => f.Key != "_handler"))
        {
            upload.Add(new StringContent(value), name);
        }

        upload.Add(new StringContent("photo"), "_handler");
        upload.Add(new ByteArrayContent(new byte[11 * 1024 * 1024]), "photo", "huge.jpg");
        var response = await admin.PostAsync("/manage/products/1", upload);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var location = response.Headers.Location!.ToString();
        location.Should().Be("/form-not-sent?returnUrl=%2Fmanage%2Fproducts%2F1&reason=too-large");
        (await admin.GetStringAsync(location)).Should().Contain("Файл слишком большой: сайт принимает файлы до 10 МБ. Ничего не сохранено.");
    }

    private static Dictionary<string, string> Product(string sku, string name) => new()
    {
        ["_handler"] = "product",
        ["sku"] = sku,
        ["name"] = name,
        ["nameEn"] = "",
        ["collection"] = "Классика",
        ["category"] = "Pendant",
        ["metal"] = "Серебро 925",
        ["stone"] = "",
        ["description"] = "",
        ["price"] = "9900",
        ["active"] = "true",
    };

    [GeneratedRegex(@"/media/product-photos/\d+/thumb")]
    private static partial Regex PhotoUrl();
}
