using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Account;

public class SignInTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_wrong_password_says_so_and_signs_nobody_in()
    {
        var client = site.CreateBrowserlessClient();

        var response = await client.SignInAsync("seller@club.demo", "wrong-password-1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Неверная почта или пароль.");
        (await client.GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_not_a_500()
    {
        var client = site.CreateBrowserlessClient();

        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = "buyer@club.demo",
            ["Input.Password"] = "club-demo-2026",
        }));

        response.ShouldBeRefusedForm("/account/sign-in");
    }

    [Fact]
    public async Task Oversized_and_hostile_values_get_messages_not_errors()
    {
        var client = site.CreateBrowserlessClient();

        var response = await client.SignInAsync(new string('a', 20_000) + "<script>alert(1)</script>", new string('b', 5000));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Слишком длинный адрес почты.").And.NotContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task Sign_in_does_not_redirect_to_other_sites()
    {
        var client = site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/sign-in?returnUrl=https://evil.example/", new Dictionary<string, string>
        {
            ["Input.Email"] = "buyer@club.demo",
            ["Input.Password"] = "club-demo-2026",
        });

        response.Headers.Location!.ToString().Should().NotContain("evil.example");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");

        var cabinet = await client.GetStringAsync("/cabinet");
        var token = HtmlForms.HiddenFields(cabinet)["__RequestVerificationToken"];
        var signOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
