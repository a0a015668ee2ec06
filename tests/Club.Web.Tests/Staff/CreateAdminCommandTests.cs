using System.Net;
using System.Text.RegularExpressions;
using Club.Testing;

namespace Club.Web.Tests.Staff;

/// <summary>A fresh production-like database (no demo data): the first administrator comes from the command line.</summary>
[LongRunning]
public partial class CreateAdminCommandTests : IAsyncLifetime
{
    private readonly string name = "t_" + Guid.NewGuid().ToString("N");
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestPostgres.CreateDatabaseAsync(name);

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(name);

    [Fact]
    public async Task Create_admin_prints_a_single_use_link_that_sets_the_password_then_the_admin_enrols_and_opens_the_staff_page()
    {
        await using (var command = SiteProcess.Start(connectionString, arguments: ["create-admin", "--email", "owner@brand.example"]))
        {
            (await command.WaitForExitAsync(TimeSpan.FromMinutes(3))).Should().Be(0, string.Join('\n', command.Output));
            var printed = string.Join('\n', command.Output);
            var link = new Uri(Link().Match(printed).Value);
            link.GetLeftPart(UriPartial.Authority).Should().Be("https://club.example", "links come from Club:PublicBaseUrl");

            await using var other = SiteProcess.Start(connectionString, arguments: ["create-admin", "--email", "second@brand.example"]);
            (await other.WaitForExitAsync(TimeSpan.FromMinutes(3))).Should().Be(1);
            string.Join('\n', other.Output).Should().Contain("has been invited already");

            await using var site = SiteProcess.Start(connectionString);
            await site.WaitForOutputAsync("Club is running at", TimeSpan.FromMinutes(2));
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri(site.Address),
            };

            var fields = new Dictionary<string, string> { ["_handler"] = "accept-invitation", ["password"] = "violet-lamp-2026", ["confirm"] = "violet-lamp-2026" };
            var accepted = await HtmlForms.SubmitAsync(client, link.PathAndQuery, fields);
            (await accepted.Content.ReadAsStringAsync()).Should().Contain("Пароль задан");
            var reused = await HtmlForms.SubmitAsync(client, link.PathAndQuery, fields);
            (await reused.Content.ReadAsStringAsync()).Should().Contain("больше не действует");
            await using var late = SiteProcess.Start(connectionString, arguments: ["create-admin", "--email", "owner@brand.example"]);
            (await late.WaitForExitAsync(TimeSpan.FromMinutes(3))).Should().Be(1, "an administrator has a password now");
            string.Join('\n', late.Output).Should().Contain("has an administrator already");

            var signedIn = await HtmlForms.SubmitAsync(client, "/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = "owner@brand.example",
                ["Input.Password"] = "violet-lamp-2026",
            });
            signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await client.GetAsync("/manage/staff")).Headers.Location!.OriginalString.Should().StartWith("/account/two-factor");
            var enrolment = await client.GetStringAsync("/account/two-factor");
            var key = Totp.KeyFromPage(ShownKey().Match(enrolment).Groups["key"].Value);
            await HtmlForms.SubmitAsync(client, "/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });

            var staff = WebUtility.HtmlDecode(await client.GetStringAsync("/manage/staff"));
            staff.Should().Contain("owner@brand.example").And.Contain("Администратор");
            var audit = WebUtility.HtmlDecode(await client.GetStringAsync("/manage/audit?type=staff"));
            audit.Should().Contain("staff.create-admin").And.Contain("cli");
        }
    }

    [GeneratedRegex("""https?://\S+/account/accept-invitation\?\S+""")]
    private static partial Regex Link();

    [GeneratedRegex("""<code class="key">(?<key>[^<]+)</code>""")]
    private static partial Regex ShownKey();
}
