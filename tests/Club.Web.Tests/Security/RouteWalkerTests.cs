using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Xunit.Abstractions;

namespace Club.Web.Tests.Security;

/// <summary>
/// Every route of the site, from its endpoint data source, as a visitor and as each role, with hostile
/// query, route and form values: nothing may answer with a server error. The program manager's and the
/// administrator's walks are the longest (the most pages and forms), so each has a class of its own and
/// the walks run side by side instead of one after another.
/// </summary>
public abstract class RouteWalk(ClubWebFactory site, ITestOutputHelper output)
{
    protected ClubWebFactory Site => site;

    protected async Task WalkAsync(string visitor)
    {
        var client = site.CreateBrowserlessClient();
        if (visitor != "anonymous")
        {
            await client.SignInAsync(visitor);
        }

        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1);
        var existing = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Serial"] = tags[0].Serial,
            ["BatchId"] = batchId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["culture"] = "en",
            ["sku"] = "AQ-SEA-R01",
        };
        var walker = new PageWalker(client);
        var routes = SiteRoutes.All(site.Services);

        foreach (var route in routes.Where(r => r.Get))
        {
            var path = SiteRoutes.Fill(route, existing);
            await walker.GetWithHostileQueriesAsync(path, route.QueryNames);
            await walker.GetWithHostileRouteValuesAsync(route, existing);
        }

        foreach (var route in routes.Where(r => r.Get && r.Post))
        {
            await walker.PostFormsWithHostileValuesAsync(SiteRoutes.Fill(route, existing), "/account/sign-out");
        }

        output.WriteLine($"{visitor}: {routes.Count} routes, {walker.Requests} requests in {walker.Elapsed.TotalSeconds:F1} s; the slowest paths:");
        walker.SlowestPaths(5).ToList().ForEach(output.WriteLine);
        routes.Should().Contain(r => r.Template == "/manage/orders.csv").And.Contain(r => r.Template == "/T/{Serial}");
        walker.ServerErrors.Should().BeEmpty();
    }
}

[LongRunning]
public class RouteWalkerManagerTests(ClubWebFactory site, ITestOutputHelper output) : RouteWalk(site, output), IClassFixture<ClubWebFactory>
{
    public const string Visitor = "manager@club.demo";

    [Fact]
    public Task No_route_answers_hostile_input_with_a_server_error() => WalkAsync(Visitor);
}

[LongRunning]
public class RouteWalkerAdminTests(ClubWebFactory site, ITestOutputHelper output) : RouteWalk(site, output), IClassFixture<ClubWebFactory>
{
    public const string Visitor = "admin@club.demo";

    [Fact]
    public Task No_route_answers_hostile_input_with_a_server_error() => WalkAsync(Visitor);
}

[LongRunning]
public class RouteWalkerTests(ClubWebFactory site, ITestOutputHelper output) : RouteWalk(site, output), IClassFixture<ClubWebFactory>
{
    /// <summary>A visitor and every demo account but the two walked by their own classes.</summary>
    public static TheoryData<string> Visitors => new(
        ["anonymous", .. DemoAccounts.All.Select(a => a.Email).Except([RouteWalkerManagerTests.Visitor, RouteWalkerAdminTests.Visitor])]);

    [Theory]
    [MemberData(nameof(Visitors))]
    public Task No_route_answers_hostile_input_with_a_server_error(string visitor) => WalkAsync(visitor);

    [Theory]
    [InlineData("/gifts?collection=a%00b")]
    [InlineData("/T/AAAA?code=%00")]
    [InlineData("/culture/en?returnUrl=%00")]
    public async Task A_nul_in_an_address_is_refused_with_a_plain_page(string url)
    {
        var response = await Site.CreateClient().GetAsync(url);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Неверный адрес");
    }

    [Fact]
    public async Task A_nul_in_a_form_is_refused_and_changes_nothing()
    {
        var client = Site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Nul\0Name",
            ["Input.Email"] = "nul@example.com",
            ["Input.Phone"] = "+7 926 555-44-33",
            ["Input.Password"] = "nul-pass-12345",
            ["Input.Consent"] = "true",
        });

        response.ShouldBeRefusedForm("/account/sign-up");
        (await client.SignInAsync("nul@example.com", "nul-pass-12345")).StatusCode.Should().NotBe(System.Net.HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("/culture/en?returnUrl=%2F%D0%BA%D0%B0%D0%B1%D0%B8%D0%BD%D0%B5%D1%82", "/%D0%BA%D0%B0%D0%B1%D0%B8%D0%BD%D0%B5%D1%82")]
    [InlineData("/culture/ru?returnUrl=%2Fgifts%3Fcollection%3D%D0%9C%D0%BE%D1%80%D0%B5", "/gifts?collection=%D0%9C%D0%BE%D1%80%D0%B5")]
    public async Task A_non_ascii_return_link_is_sent_back_encoded(string url, string location)
    {
        var response = await Site.CreateBrowserlessClient().GetAsync(url);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(location);
    }

    [Fact]
    public async Task Sign_in_with_a_non_ascii_return_link_signs_in_and_goes_there()
    {
        var client = Site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/sign-in?returnUrl=%2Fgifts%3Fcollection%3D%D0%9C%D0%BE%D1%80%D0%B5",
            new Dictionary<string, string> { ["Input.Email"] = "buyer@club.demo", ["Input.Password"] = DemoAccounts.Password });

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().EndWith("/gifts?collection=%D0%9C%D0%BE%D1%80%D0%B5");
        (await client.GetAsync("/cabinet")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }
}
