using System.Net;
using Club.Application.Features.Privacy;
using Club.Domain.Privacy;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Privacy;

public class LegalPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task The_rules_and_the_privacy_policy_are_public_and_a_bad_version_shows_the_latest()
    {
        var client = site.CreateBrowserlessClient();

        (await client.GetStringAsync("/rules")).Should().Contain("Правила клуба").And.Contain("Кто может участвовать");
        (await client.GetStringAsync("/privacy")).Should().Contain("Политика конфиденциальности").And.Contain("Какие данные мы храним");
        (await client.GetStringAsync("/rules?version=%27%3Cscript%3E")).Should().Contain("Кто может участвовать");
    }

    [Fact]
    public async Task A_member_accepts_a_new_version_before_the_cabinet_opens_while_my_data_and_the_scan_page_stay_open()
    {
        var (member, email) = await TestTags.CreateBuyerAsync(site.Services, "member-pass-1");
        var browser = site.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        await browser.SignInAsync(email, "member-pass-1");
        (await browser.GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var published = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new PublishLegalDocumentCommand(LegalDocumentKinds.Privacy, "# Новая редакция\nТекст <script>alert(1)</script>", "# New\nText", member));
            published.Succeeded.Should().BeTrue();
        }

        var blocked = await browser.GetAsync("/cabinet/points");
        blocked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        blocked.Headers.Location!.ToString().Should().Be("/accept-rules?returnUrl=%2Fcabinet%2Fpoints");
        (await browser.GetAsync("/cabinet/privacy")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync("/rules")).StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await browser.GetStringAsync("/accept-rules?returnUrl=%2Fcabinet%2Fpoints");
        page.Should().Contain("Новая редакция").And.Contain("&lt;script&gt;").And.NotContain("<script>alert");

        var accepted = await HtmlForms.SubmitAsync(browser, "/accept-rules?returnUrl=%2Fcabinet%2Fpoints", new Dictionary<string, string>());

        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        accepted.Headers.Location!.ToString().Should().EndWith("/cabinet/points");
        (await browser.GetAsync("/cabinet/points")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_member_changes_the_marketing_consent_in_the_cabinet_and_sees_its_history()
    {
        var (_, email) = await TestTags.CreateBuyerAsync(site.Services, "member-pass-1");
        var browser = site.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        await browser.SignInAsync(email, "member-pass-1");

        var saved = await HtmlForms.SubmitAsync(browser, "/cabinet/privacy", new Dictionary<string, string> { ["_handler"] = "consents", ["marketing"] = "true" });

        var html = await saved.Content.ReadAsStringAsync();
        html.Should().Contain("Сохранено.").And.Contain("в личном кабинете").And.Contain("при регистрации");
        html.Should().MatchRegex("""name="marketing" value="true" checked""");
    }

    [Fact]
    public async Task Download_my_data_gives_the_signed_in_member_a_zip_and_strangers_nothing()
    {
        var (_, email) = await TestTags.CreateBuyerAsync(site.Services, "member-pass-1");
        var browser = site.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        await browser.SignInAsync(email, "member-pass-1");

        var zip = await browser.GetAsync("/cabinet/privacy/my-data.zip");

        zip.StatusCode.Should().Be(HttpStatusCode.OK);
        zip.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        (await zip.Content.ReadAsByteArrayAsync()).Take(2).Should().Equal((byte)'P', (byte)'K');
        (await site.CreateBrowserlessClient().GetAsync("/cabinet/privacy/my-data.zip")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }
}
