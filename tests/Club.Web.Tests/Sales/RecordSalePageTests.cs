using System.Net;
using Club.Infrastructure.Labels;
using Club.Infrastructure.Tags;
using Club.Testing;

namespace Club.Web.Tests.Sales;

public class RecordSalePageTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Theory]
    [InlineData("buyer@club.demo")]
    [InlineData("partner@club.demo")]
    [InlineData("manager@club.demo")]
    [InlineData("factory@club.demo")]
    public async Task Only_sellers_reach_the_sale_pages(string email)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        foreach (var path in new[] { "/seller/sales", "/seller/card" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().Should().Contain("/account/access-denied");
        }
    }

    [Theory]
    [InlineData("/manage/sales-review", "manager@club.demo", "seller@club.demo")]
    [InlineData("/manage/sales-review", "admin@club.demo", "factory@club.demo")]
    [InlineData("/partner/sellers", "partner@club.demo", "manager@club.demo")]
    [InlineData("/partner/sellers", "partner@club.demo", "seller@club.demo")]
    [InlineData("/cabinet/points", "seller@club.demo", "factory@club.demo")]
    public async Task Review_and_partner_pages_open_to_their_roles_only(string path, string allowed, string refused) =>
        await site.AssertOpensOnlyToAsync(path, allowed, refused);

    [Fact]
    public async Task The_scanner_comes_from_the_sites_own_files_not_a_cdn()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("seller@club.demo");

        var page = await client.GetStringAsync("/seller/sales");

        page.Should().Contain("src=\"lib/zxing-browser.min.js\"").And.NotContain("://cdn").And.NotContain("unpkg");
        var bundle = await client.GetAsync("/lib/zxing-browser.min.js");
        bundle.StatusCode.Should().Be(HttpStatusCode.OK);
        (await bundle.Content.ReadAsStringAsync()).Should().Contain("BrowserQRCodeReader");
        (await client.GetAsync("/js/sale-scanner.js")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("", "Отсканируйте бирку или введите её серийный номер.")]
    [InlineData("<script>alert(1)</script>", "Это не серийный номер наших бирок.")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "Это не серийный номер наших бирок.")]
    public async Task Bad_serials_get_a_message_not_an_error(string serial, string message)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("seller@club.demo");

        var response = await HtmlForms.SubmitAsync(client, "/seller/sales", new Dictionary<string, string> { ["_handler"] = "record-sale", ["Input.Serial"] = serial });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(message).And.NotContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task A_photo_sent_without_scripts_is_read_on_the_server_and_the_sale_recorded()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "jewelry-tag-30x20.json"));
        var scan = await LabelPhotos.ScanAsync(template, new Label(tag.Serial, TagCodes.ScanUrl("https://club.example", tag.Serial), tag.ScratchCode, "Кольцо", "B000001"));
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("seller@club.demo");

        var response = await PostPhotoAsync(client, LabelPhotos.Photograph(scan));

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain($"<code>{tag.Serial}</code>", "the serial read from the photo is recorded as if typed");
    }

    [Fact]
    public async Task A_photo_without_a_code_or_a_file_that_is_not_a_photo_gets_a_message_not_an_error()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("seller@club.demo");

        var blank = await (await PostPhotoAsync(client, TestImages.Png(800, 600))).Content.ReadAsStringAsync();
        var text = await (await PostPhotoAsync(client, "hello"u8.ToArray())).Content.ReadAsStringAsync();

        // The scanner's own "not found" text is in the page anyway (a data attribute): the alert must say it.
        blank.Should().MatchRegex("class=\"alert error\"[^>]*>На фото не найден QR-код");
        text.Should().MatchRegex("class=\"alert error\"[^>]*>Это не изображение JPEG, PNG или WebP");
    }

    /// <summary>The page's photo form as a browser without scripts sends it.</summary>
    private static async Task<HttpResponseMessage> PostPhotoAsync(HttpClient client, byte[] photo)
    {
        var page = await client.GetStringAsync("/seller/sales");
        var upload = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(page).Where(f => f.Key != "_handler"))
        {
            upload.Add(new StringContent(value), name);
        }

        upload.Add(new StringContent("sale-photo"), "_handler");
        upload.Add(new ByteArrayContent(photo), "photo", "tag.jpg");
        return await client.PostAsync("/seller/sales", upload);
    }
}
