using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Club.Web.Tests;

internal static class WebTestExtensions
{
    /// <summary>A client that keeps cookies but shows redirects instead of following them.</summary>
    public static HttpClient CreateBrowserlessClient(this ClubWebFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Checks that <paramref name="allowed"/> gets the page and <paramref name="refused"/> is sent to access-denied.</summary>
    public static async Task ShouldOpenOnlyToAsync(this ClubWebFactory factory, string path, string allowed, string refused)
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

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoAccounts.Password) =>
        HtmlForms.SubmitAsync(client, "/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}
