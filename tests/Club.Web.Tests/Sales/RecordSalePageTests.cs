using System.Net;
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

        var response = await HtmlForms.SubmitAsync(client, "/seller/sales", new Dictionary<string, string> { ["Input.Serial"] = serial });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(message).And.NotContain("<script>alert(1)</script>");
    }
}
