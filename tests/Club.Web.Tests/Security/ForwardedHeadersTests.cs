using System.Net;
using Club.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Club.Web.Tests.Security;

/// <summary>The site on a real loopback port, with the proxy's address (127.0.0.1 here) trusted or not.</summary>
public abstract class ProxiedSite(string knownProxies) : ClubWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Club:Proxy:KnownProxies", knownProxies);
        builder.UseSetting("Club:RateLimits:SignInPerAddressPerMinute", "2");
    }

    /// <summary>A request as the proxy forwards it: the visitor's address and scheme in X-Forwarded-*.</summary>
    public HttpRequestMessage Forwarded(HttpMethod method, string baseAddress, string path, string clientAddress, string scheme = "https")
    {
        var request = new HttpRequestMessage(method, baseAddress + path);
        request.Headers.Host = "club.example";
        request.Headers.Add("X-Forwarded-For", clientAddress);
        request.Headers.Add("X-Forwarded-Proto", scheme);
        return request;
    }
}

public sealed class TrustedProxySite() : ProxiedSite("127.0.0.1");

public sealed class UntrustedProxySite() : ProxiedSite("10.9.9.9");

public class TrustedProxyTests(TrustedProxySite site) : IClassFixture<TrustedProxySite>
{
    [Fact]
    public async Task A_known_proxy_gives_the_real_client_and_https_so_cookies_are_secure_and_hsts_is_sent()
    {
        var baseAddress = site.StartKestrel();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        var page = await http.SendAsync(site.Forwarded(HttpMethod.Get, baseAddress, "/account/sign-in", "203.0.113.7"));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.GetValues("Set-Cookie").Should().Contain(cookie => cookie.StartsWith("club.af=") && cookie.Contains("secure"));
        page.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000");

        // Limits count per real client: two visitors behind the same proxy each have their own window.
        var first = await PostSignInTimesAsync(http, baseAddress, "203.0.113.7", 3);
        var second = await PostSignInTimesAsync(http, baseAddress, "203.0.113.8", 2);
        first.Should().Equal(false, false, true);
        second.Should().Equal(false, false);
    }

    private async Task<List<bool>> PostSignInTimesAsync(HttpClient http, string baseAddress, string client, int times)
    {
        var refused = new List<bool>();
        for (var i = 0; i < times; i++)
        {
            var request = site.Forwarded(HttpMethod.Post, baseAddress, "/account/sign-in", client);
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.com" });
            refused.Add((await http.SendAsync(request)).StatusCode == HttpStatusCode.TooManyRequests);
        }

        return refused;
    }
}

public class UntrustedProxyTests(UntrustedProxySite site) : IClassFixture<UntrustedProxySite>
{
    [Fact]
    public async Task Headers_from_an_unknown_address_are_ignored()
    {
        var baseAddress = site.StartKestrel();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        var page = await http.SendAsync(site.Forwarded(HttpMethod.Get, baseAddress, "/account/sign-in", "203.0.113.7"));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.GetValues("Set-Cookie").Should().Contain(cookie => cookie.StartsWith("club.af=") && !cookie.Contains("secure"));
        page.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the request came over plain http");

        // Every visitor claims another address, but they all count as the connection's own.
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            var request = site.Forwarded(HttpMethod.Post, baseAddress, "/account/sign-in", client);
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.com" });
            statuses.Add((await http.SendAsync(request)).StatusCode);
        }

        statuses[^1].Should().Be(HttpStatusCode.TooManyRequests);
        statuses.Take(2).Should().NotContain(HttpStatusCode.TooManyRequests);
    }
}
