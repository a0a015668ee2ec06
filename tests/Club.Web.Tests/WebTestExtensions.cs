using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Club.Web.Tests;

internal static class WebTestExtensions
{
    /// <summary>A client that keeps cookies but shows redirects instead of following them.</summary>
    public static HttpClient CreateBrowserlessClient(this ClubWebFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoAccounts.Password) =>
        HtmlForms.SubmitAsync(client, "/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}
