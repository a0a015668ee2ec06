using System.Net;
using Club.Testing;

namespace Club.Web.Tests;

public class SiteTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task Health_reports_the_database_as_reachable()
    {
        var response = await site.CreateClient().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"database\":\"Healthy\"");
    }

    [Fact]
    public async Task A_seller_can_add_the_site_to_the_home_screen_from_a_fingerprinted_manifest()
    {
        var client = site.CreateClient();
        var home = await client.GetStringAsync("/");

        var href = System.Text.RegularExpressions.Regex.Match(home, "<link rel=\"manifest\" href=\"(?<href>[^\"]+)\"").Groups["href"].Value;
        href.Should().MatchRegex(@"manifest\.[a-z0-9]+\.webmanifest$", "a fingerprinted name can be cached for a year");
        var manifest = await client.GetAsync("/" + href.TrimStart('/'));

        manifest.StatusCode.Should().Be(HttpStatusCode.OK);
        manifest.Content.Headers.ContentType!.MediaType.Should().Be("application/manifest+json");
        (await manifest.Content.ReadAsStringAsync()).Should().Contain("\"display\": \"standalone\"").And.Contain("/app-icon.svg");
        (await client.GetAsync("/app-icon.svg")).StatusCode.Should().Be(HttpStatusCode.OK);

        // iPhone takes only a PNG touch icon, 180x180.
        var touch = System.Text.RegularExpressions.Regex.Match(home, "<link rel=\"apple-touch-icon\" sizes=\"180x180\" href=\"(?<href>[^\"]+[.]png)\"").Groups["href"].Value;
        var png = await client.GetByteArrayAsync("/" + touch.TrimStart('/'));
        png.AsSpan(1, 3).ToArray().Should().Equal("PNG"u8.ToArray());
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)))
            .Should().Be((180, 180));
    }

    [Fact]
    public async Task The_home_page_is_in_russian_by_default_and_in_english_on_request()
    {
        var client = site.CreateClient();

        (await client.GetStringAsync("/")).Should().Contain("Вступить в клуб").And.Contain("<html lang=\"ru\"");
        (await client.GetStringAsync("/?culture=en")).Should().Contain("Join the club").And.Contain("<html lang=\"en\"");
    }

    [Fact]
    public async Task The_language_switch_remembers_the_choice_and_only_returns_to_this_site()
    {
        var client = site.CreateBrowserlessClient();

        var response = await client.GetAsync("/culture/en?returnUrl=//evil.example/phish");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
        (await client.GetStringAsync("/account/sign-in")).Should().Contain("<h1>Sign in</h1>");
        (await client.GetAsync("/culture/xx")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%0A%2Fevil.example")]
    public async Task A_return_link_with_control_characters_is_refused_before_any_page_runs(string returnUrl)
    {
        var response = await site.CreateClient().GetAsync($"/form-not-sent?returnUrl={returnUrl}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Неверный адрес").And.Contain("class=\"button\" href=\"/\"").And.NotContain("evil.example");
    }

    [Theory]
    [InlineData("https%3A%2F%2Fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    public async Task The_form_not_sent_page_links_back_only_into_this_site(string returnUrl)
    {
        var page = await site.CreateClient().GetStringAsync($"/form-not-sent?returnUrl={returnUrl}");

        page.Should().Contain("Форма не отправлена").And.Contain("class=\"button primary\" href=\"/\"");
        (await site.CreateClient().GetStringAsync("/form-not-sent?returnUrl=%2Fcabinet%2Fitems")).Should().Contain("href=\"/cabinet/items\"");
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        var response = await site.CreateClient().GetAsync("/no/such/page");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Страница не найдена");
    }

    [Fact]
    public async Task Product_pictures_are_drawn_for_known_products_only()
    {
        var client = site.CreateClient();

        var picture = await client.GetAsync("/media/products/AQ-SEA-R01.svg");
        picture.StatusCode.Should().Be(HttpStatusCode.OK);
        picture.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        (await client.GetAsync("/media/products/NOPE.svg")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Serves_the_stylesheet_and_icon_the_pages_link_to()
    {
        var client = site.CreateClient();
        var home = await client.GetStringAsync("/");
        var stylesheet = System.Text.RegularExpressions.Regex.Match(home, "href=\"(?<href>[^\"]*app[^\"]*\\.css)\"").Groups["href"].Value;

        stylesheet.Should().NotBeEmpty();
        // Browsers ask for compressed assets; an empty 200 here once left every page unstyled.
        using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var css = await client.SendAsync(request);
        css.StatusCode.Should().Be(HttpStatusCode.OK);
        css.Content.Headers.ContentLength.Should().BeGreaterThan(100);
        (await client.GetAsync("/favicon.svg")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
