using System.Net;
using Club.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Account;

/// <summary>The site whose cookie checks (security stamp validation) run on a clock the test moves.</summary>
public sealed class StampClockSite : ClubWebFactory
{
    public TestClock StampClock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.PostConfigure<SecurityStampValidatorOptions>(options => options.TimeProvider = StampClock));
    }
}

public class SignOutTests(StampClockSite site) : IClassFixture<StampClockSite>
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_stops_working_within_a_minute()
    {
        var (browser, cookies) = NewBrowser();
        await browser.SignInAsync("buyer@club.demo");
        var copied = AuthCookie(cookies);
        (await WithCookie(copied).GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.OK);

        var signOut = await PostSignOutAsync(browser, await TokenAsync(browser));
        site.StampClock.Now = DateTimeOffset.UtcNow.AddSeconds(61);

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var replay = await WithCookie(copied).GetAsync("/cabinet");
        replay.StatusCode.Should().Be(HttpStatusCode.Redirect);
        replay.Headers.Location!.ToString().Should().Contain("/account/sign-in");
    }

    [Fact]
    public async Task Without_a_sign_out_a_copied_cookie_keeps_working_past_the_check()
    {
        var (browser, cookies) = NewBrowser();
        await browser.SignInAsync("seller@club.demo");
        var copied = AuthCookie(cookies);

        site.StampClock.Now = DateTimeOffset.UtcNow.AddSeconds(61);

        (await WithCookie(copied).GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.OK, "the stamp, not the clock, ends the session");
    }

    [Fact]
    public async Task A_sign_out_without_the_antiforgery_token_is_refused_and_signs_nobody_out()
    {
        var (browser, _) = NewBrowser();
        await browser.SignInAsync("buyer@club.demo");

        var crossSite = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));

        crossSite.ShouldBeRefusedForm("/account/sign-out");
        (await browser.GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private (HttpClient Client, CookieContainer Cookies) NewBrowser()
    {
        var cookies = new CookieContainer();
        return (site.CreateDefaultClient(new CookieContainerHandler(cookies)), cookies);
    }

    private string AuthCookie(CookieContainer cookies) =>
        cookies.GetCookies(site.ClientOptions.BaseAddress).Single(c => c.Name == "club.auth").Value;

    /// <summary>Another browser that only has the copied cookie.</summary>
    private HttpClient WithCookie(string value)
    {
        var client = site.CreateDefaultClient();
        client.DefaultRequestHeaders.Add("Cookie", $"club.auth={value}");
        return client;
    }

    private static async Task<string> TokenAsync(HttpClient client) =>
        HtmlForms.HiddenFields(await client.GetStringAsync("/cabinet"))["__RequestVerificationToken"];

    private static Task<HttpResponseMessage> PostSignOutAsync(HttpClient client, string token) =>
        client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
}
