using System.Net;
using System.Text.RegularExpressions;
using Club.Testing;

namespace Club.Web.Tests.Partners;

public partial class PartnerPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Theory]
    [InlineData("/manage/partners", "admin@club.demo", "factory@club.demo")]
    [InlineData("/manage/partners", "manager@club.demo", "partner@club.demo")]
    [InlineData("/manage/partners/new", "manager@club.demo", "seller@club.demo")]
    [InlineData("/manage/partners/1", "admin@club.demo", "buyer@club.demo")]
    public async Task Partner_pages_open_to_brand_staff_only(string path, string allowed, string refused) =>
        await site.AssertOpensOnlyToAsync(path, allowed, refused);

    [Fact]
    public async Task A_refused_partner_keeps_what_was_typed_and_says_what_is_wrong_next_to_the_field()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var response = await HtmlForms.SubmitAsync(manager, "/manage/partners/new", Partner("Лазурит", "ООО «Второй Лазурит»"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Это название уже есть у другого партнёра.")
            .And.Contain("value=\"ООО «Второй Лазурит»\"").And.Contain("Ничего не сохранено.");
    }

    [Fact]
    public async Task A_manager_creates_a_partner_adds_a_shop_closes_it_and_a_forged_sign_up_to_it_is_refused()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var created = await HtmlForms.SubmitAsync(manager, "/manage/partners/new", Partner("Бирюза", "ООО «Бирюза»"));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = created.Headers.Location!.ToString().Split('?')[0];
        var added = await HtmlForms.SubmitAsync(manager, page, new Dictionary<string, string>
        {
            ["_handler"] = "new-shop", ["name"] = "Бирюза — Тверская", ["city"] = "Москва", ["street"] = "ул. Тверская, 3", ["phone"] = "+7 495 123-45-67", ["active"] = "true",
        });
        var html = await added.Content.ReadAsStringAsync();
        html.Should().Contain("Сохранено.").And.Contain("value=\"ул. Тверская, 3\"");
        (await site.CreateBrowserlessClient().GetStringAsync("/account/seller-sign-up")).Should().Contain("Бирюза — Тверская");

        var shop = ShopForm().Match(html);
        var closed = await HtmlForms.SubmitAsync(manager, page, new Dictionary<string, string>
        {
            ["_handler"] = $"shop-{shop.Groups["id"].Value}", ["shopId"] = shop.Groups["id"].Value, ["version"] = shop.Groups["version"].Value,
            ["name"] = "Бирюза — Тверская", ["city"] = "Москва", ["street"] = "ул. Тверская, 3", ["phone"] = "", ["active"] = "",
        });
        (await closed.Content.ReadAsStringAsync()).Should().Contain("Сохранено.").And.Contain("Неактивен");

        var signUp = site.CreateBrowserlessClient();
        (await signUp.GetStringAsync("/account/seller-sign-up")).Should().NotContain("Бирюза — Тверская");
        var forged = await HtmlForms.SubmitAsync(signUp, "/account/seller-sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Продавец Бирюзы",
            ["Input.Phone"] = "+7 916 777-00-98",
            ["Input.Email"] = "turquoise.seller@example.com",
            ["Input.ShopId"] = shop.Groups["id"].Value,
            ["Input.Position"] = "Консультант",
            ["Input.Password"] = "secret-pass-1",
            ["Input.Consent"] = "true",
        });
        forged.StatusCode.Should().Be(HttpStatusCode.OK);
        (await forged.Content.ReadAsStringAsync()).Should().Contain("Выберите свой магазин из списка.");
    }

    private static Dictionary<string, string> Partner(string name, string legalName) => new()
    {
        ["_handler"] = "partner",
        ["version"] = "",
        ["name"] = name,
        ["legalName"] = legalName,
        ["contact"] = "Мария, +7 900 111-22-33",
        ["active"] = "true",
    };

    [GeneratedRegex("""name="shopId" value="(?<id>\d+)" />\s*<input type="hidden" name="version" value="(?<version>\d+)" />""")]
    private static partial Regex ShopForm();
}
