using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Club.Web.Tests;

internal static partial class WebTestExtensions
{
    /// <summary>Fills in the seller sign-up form as a browser would, choosing the first shop offered.</summary>
    public static async Task<HttpResponseMessage> SignUpAsSellerAsync(this HttpClient client, string fullName, string phone, string email, string password)
    {
        var form = await client.GetStringAsync("/account/seller-sign-up");
        return await HtmlForms.SubmitAsync(client, "/account/seller-sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = fullName,
            ["Input.Phone"] = phone,
            ["Input.Email"] = email,
            ["Input.ShopId"] = ShopOption().Match(form).Groups["id"].Value,
            ["Input.Position"] = "Продавец-консультант",
            ["Input.Password"] = password,
            ["Input.Consent"] = "true",
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("""<option value="(?<id>[1-9]\d*)">""")]
    private static partial System.Text.RegularExpressions.Regex ShopOption();

    /// <summary>A client that keeps cookies but shows redirects instead of following them.</summary>
    public static HttpClient CreateBrowserlessClient(this ClubWebFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Asserts that <paramref name="path"/> opens for <paramref name="allowed"/> and sends <paramref name="refused"/> to access-denied.</summary>
    public static async Task AssertOpensOnlyToAsync(this ClubWebFactory factory, string path, string allowed, string refused)
    {
        var yes = factory.CreateBrowserlessClient();
        await yes.SignInAsync(allowed);
        var no = factory.CreateBrowserlessClient();
        await no.SignInAsync(refused);

        (await yes.GetAsync(path)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, path);
        var refusedResponse = await no.GetAsync(path);
        refusedResponse.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, path);
        refusedResponse.Headers.Location!.ToString().Should().Contain("/account/access-denied");
    }

    /// <summary>A form the site refused before any page code ran: sent on (303) to the page that says so, with the way back.</summary>
    public static void ShouldBeRefusedForm(this HttpResponseMessage response, string postedTo)
    {
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.SeeOther);
        response.Headers.Location!.ToString().Should().Be($"/form-not-sent?returnUrl={Uri.EscapeDataString(postedTo)}");
    }

    /// <summary>
    /// Signs in through the form; an account with an authenticator (demo staff) gets the code step, answered
    /// with a code from the demo key. The answer is the last response (a redirect when signed in).
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoAccounts.Password)
    {
        var response = await HtmlForms.SubmitAsync(client, "/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return response.Headers.Location is { } next && next.OriginalString.Contains("/account/sign-in/code", StringComparison.Ordinal)
            ? await client.EnterSignInCodeAsync(next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString, Totp.Code(DemoAccounts.AuthenticatorKey))
            : response;
    }

    public static Task<HttpResponseMessage> EnterSignInCodeAsync(this HttpClient client, string codePage, string code) =>
        HtmlForms.SubmitAsync(client, codePage, new Dictionary<string, string> { ["Input.Code"] = code });
}
