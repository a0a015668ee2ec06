using System.Net;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;

namespace Club.Web.Tests.Account;

public class RoleAccessTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    public static TheoryData<string> DemoEmails => new(DemoAccounts.All.Select(a => a.Email));

    [Theory]
    [MemberData(nameof(DemoEmails))]
    public async Task Every_demo_account_can_sign_in_and_open_its_cabinet(string email)
    {
        var client = site.CreateBrowserlessClient();

        var signIn = await client.SignInAsync(email);

        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.Should().EndWith("/cabinet");
        var cabinet = await client.GetAsync("/cabinet");
        cabinet.StatusCode.Should().Be(HttpStatusCode.OK);
        var role = DemoAccounts.All.Single(a => a.Email == email).FullName;
        (await cabinet.Content.ReadAsStringAsync()).Should().Contain(role);
    }

    [Theory]
    [InlineData("/cabinet")]
    [InlineData("/products")]
    [InlineData("/partner/shops")]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_back(string path)
    {
        var response = await site.CreateBrowserlessClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path));
    }

    [Theory]
    [InlineData("buyer@club.demo", "/products")]
    [InlineData("seller@club.demo", "/products")]
    [InlineData("buyer@club.demo", "/partner/shops")]
    [InlineData("manager@club.demo", "/partner/shops")]
    [InlineData("factory@club.demo", "/partner/shops")]
    public async Task Other_roles_are_refused_with_403_not_an_error(string email, string path)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/access-denied");
        (await client.GetAsync(response.Headers.Location)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("manager@club.demo", "/products")]
    [InlineData("factory@club.demo", "/products")]
    [InlineData("admin@club.demo", "/products")]
    [InlineData("partner@club.demo", "/partner/shops")]
    public async Task The_right_roles_get_in(string email, string path)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_partner_manager_sees_their_own_shops_only()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("partner@club.demo");

        var page = await client.GetStringAsync("/partner/shops");

        page.Should().Contain("Лазурит — ТЦ Европейский").And.NotContain("Самоцветы");
    }
}
