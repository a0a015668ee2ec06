using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Security;

public class SecurityHeadersTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/account/sign-in", HttpStatusCode.OK)]
    [InlineData("/favicon.svg", HttpStatusCode.OK)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/cabinet", HttpStatusCode.Redirect)]
    [InlineData("/culture/xx", HttpStatusCode.BadRequest)]
    public async Task Every_response_forbids_inline_script_framing_sniffing_and_the_camera(string path, HttpStatusCode status)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(site.StartKestrelOnce()) };

        var response = await http.GetAsync(path);

        response.StatusCode.Should().Be(status);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self';").And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("same-origin");
        response.Headers.GetValues("Permissions-Policy").Single().Should().StartWith("camera=()");
        response.Headers.Contains("Server").Should().BeFalse("the server does not name itself");
    }

    [Fact]
    public async Task Only_the_sellers_scanning_page_may_use_the_camera()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(site.StartKestrelOnce()) };

        var response = await http.GetAsync("/seller/sales");

        response.Headers.GetValues("Permissions-Policy").Single().Should().StartWith("camera=(self)").And.Contain("microphone=()");
    }

    [Fact]
    public void No_page_carries_inline_script_or_event_handlers()
    {
        var pages = Directory.GetFiles(RepositoryRoot.Combine("src", "Club.Web", "Components"), "*.razor", SearchOption.AllDirectories);

        var inline = pages
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => System.Text.RegularExpressions.Regex.IsMatch(x.line, @"<script(?![^>]*\bsrc=)|\son[a-z]+=""|\sstyle=""|<style"))
            .Select(x => $"{Path.GetFileName(x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

        inline.Should().BeEmpty("the Content-Security-Policy allows only script and style files from the site");
    }
}
