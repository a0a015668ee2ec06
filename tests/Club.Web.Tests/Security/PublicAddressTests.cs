using System.Net;
using System.Text.RegularExpressions;
using Club.Testing;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace Club.Web.Tests.Security;

public partial class PublicAddressTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_reset_mail_asked_for_with_a_forged_host_links_to_the_configured_address()
    {
        var client = site.CreateBrowserlessClient();
        client.BaseAddress = new Uri("http://evil.example");
        client.DefaultRequestHeaders.Host = "evil.example";

        await HtmlForms.SubmitAsync(client, "/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "admin@club.demo" });

        var mail = await MimeMessage.LoadAsync(Directory.GetFiles(site.MailFolder, "*.eml").Single());
        var link = ResetLink().Match(mail.TextBody ?? "").Value;
        link.Should().StartWith("https://club.example/account/reset-password?email=admin").And.Contain("&code=");
        (mail.TextBody + mail.HtmlBody).Should().NotContain("evil.example");
    }

    [Fact]
    public async Task The_sign_in_redirect_names_no_host_so_a_forged_host_cannot_send_the_visitor_away()
    {
        var client = site.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Host = "evil.example";

        var response = await client.GetAsync("/cabinet?tab=points");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/account/sign-in?ReturnUrl=%2Fcabinet%3Ftab%3Dpoints");
    }

    [GeneratedRegex(@"http\S+/account/reset-password\S+")]
    private static partial Regex ResetLink();
}

public sealed class OneHostSite : ClubWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AllowedHosts", "club.example");
    }
}

public class AllowedHostsTests(OneHostSite site) : IClassFixture<OneHostSite>
{
    [Fact]
    public async Task Requests_for_another_host_are_refused_when_allowed_hosts_is_set()
    {
        var ours = site.CreateClient();
        ours.DefaultRequestHeaders.Host = "club.example";
        var theirs = site.CreateClient();
        theirs.DefaultRequestHeaders.Host = "evil.example";

        (await ours.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await theirs.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
