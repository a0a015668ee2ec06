using System.Net;
using System.Text.RegularExpressions;
using Club.Testing;

namespace Club.Web.Tests.Sellers;

public partial class SellerOnboardingTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_seller_signs_up_waits_for_the_call_and_is_activated_by_the_program_manager()
    {
        var seller = site.CreateBrowserlessClient();
        var form = await seller.GetStringAsync("/account/seller-sign-up");
        var shopId = ShopOption().Match(form).Groups["id"].Value;

        var signUp = await HtmlForms.SubmitAsync(seller, "/account/seller-sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Ольга Продавцова",
            ["Input.Phone"] = "8 (916) 777-12-34",
            ["Input.Email"] = "olga.seller@example.com",
            ["Input.ShopId"] = shopId,
            ["Input.Position"] = "Продавец-консультант",
            ["Input.Birthday"] = "1995-04-12",
            ["Input.Password"] = "olga-pass-1",
            ["Input.Consent"] = "true",
        });
        (await signUp.Content.ReadAsStringAsync()).Should().Contain("Проверьте почту, чтобы закончить вступление.");
        var confirmed = await HtmlForms.SubmitAsync(seller, await TestMail.SignUpLinkAsync(site.MailFolder, "olga.seller@example.com"), new Dictionary<string, string> { ["Password"] = "olga-pass-1" });
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await seller.GetStringAsync("/cabinet")).Should().Contain("ждёт активации");

        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");
        var queue = await manager.GetStringAsync("/manage/sellers");
        WebUtility.HtmlDecode(queue).Should().Contain("Ольга Продавцова").And.Contain("+79167771234");

        var card = SellerCard().Matches(queue).Single(m => m.Value.Contains("Ольга Продавцова", StringComparison.Ordinal)).Value;
        var fields = HtmlForms.HiddenFields(card);
        fields["to"] = "Active";
        fields["note"] = "позвонила, подтвердила работу в салоне";
        var decided = await manager.PostAsync("/manage/sellers", new FormUrlEncodedContent(fields));

        decided.StatusCode.Should().Be(HttpStatusCode.OK);
        (await decided.Content.ReadAsStringAsync()).Should().Contain("Сохранено");
        (await seller.GetStringAsync("/cabinet")).Should().NotContain("ждёт активации");
        (await manager.GetStringAsync("/manage/sellers?status=Active")).Should().Contain("Ольга Продавцова").And.Contain("позвонила, подтвердила работу в салоне");
    }

    [Fact]
    public async Task A_shop_that_is_not_in_the_list_is_refused()
    {
        var client = site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/seller-sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "X",
            ["Input.Phone"] = "+7 916 777-00-99",
            ["Input.Email"] = "x.seller@example.com",
            ["Input.ShopId"] = "999999",
            ["Input.Position"] = "p",
            ["Input.Password"] = "secret-pass-1",
            ["Input.Consent"] = "true",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Выберите свой магазин из списка.");
    }

    [Theory]
    [InlineData("buyer@club.demo")]
    [InlineData("seller@club.demo")]
    [InlineData("partner@club.demo")]
    [InlineData("factory@club.demo")]
    public async Task Only_program_managers_and_admins_see_the_queue_or_decide(string email)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        var page = await client.GetAsync("/manage/sellers");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().Contain("/account/access-denied");

        var cabinet = await client.GetStringAsync("/cabinet");
        var post = await client.PostAsync("/manage/sellers", new FormUrlEncodedContent(new Dictionary<string, string>(HtmlForms.HiddenFields(cabinet))
        {
            ["_handler"] = $"decide-{Guid.NewGuid()}",
            ["to"] = "Active",
        }));
        post.StatusCode.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
        if (post.StatusCode == HttpStatusCode.Redirect)
        {
            post.Headers.Location!.ToString().Should().Contain("/account/access-denied");
        }
    }

    [Fact]
    public async Task A_decision_without_the_antiforgery_token_is_refused_not_a_500()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var post = await manager.PostAsync("/manage/sellers", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"decide-{Guid.NewGuid()}",
            ["to"] = "Active",
        }));

        post.ShouldBeRefusedForm("/manage/sellers");
    }

    [GeneratedRegex("""<option value="(?<id>[1-9]\d*)">""")]
    private static partial Regex ShopOption();

    [GeneratedRegex("""<li class="card" id="seller-[^"]+">.*?</li>\s*(?=<li class="card"|</ul>)""", RegexOptions.Singleline)]
    private static partial Regex SellerCard();
}
