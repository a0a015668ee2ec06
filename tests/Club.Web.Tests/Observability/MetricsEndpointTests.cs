using System.Net;
using System.Net.Http.Headers;
using System.Globalization;
using System.Text.RegularExpressions;
using Club.Application.Abstractions;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Sellers;
using Club.Domain.PartnerApi;
using Club.Infrastructure.Observability;
using Club.Testing;
using Club.Web.Tests.PartnerApi;
using Club.Web.Tests.Reliability;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Club.Web.Tests.Observability;

/// <summary>The site with its Prometheus endpoint switched on, behind a scrape token.</summary>
public sealed class MonitoredSite : ClubWebFactory
{
    public const string Token = "scrape-token-for-the-tests-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Club:Observability:Prometheus:Enabled", "true");
        builder.UseSetting("Club:Observability:Prometheus:Token", Token);
    }
}

public class MetricsEndpointTests(MonitoredSite site) : IClassFixture<MonitoredSite>
{
    [Fact]
    public async Task A_scan_and_a_registration_show_in_the_business_counters_without_any_personal_data()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");

        (await client.GetAsync($"/T/{tags[0].Serial}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await HtmlForms.SubmitAsync(client, $"/T/{tags[0].Serial}", new Dictionary<string, string> { ["code"] = tags[1].ScratchCode });
        await HtmlForms.SubmitAsync(client, $"/T/{tags[0].Serial}", new Dictionary<string, string> { ["code"] = tags[0].ScratchCode });

        var metrics = await ScrapeAsync();

        metrics.Should().MatchRegex("""club_scans_total\{[^}]*verdict="Available"[^}]*\} [1-9]""");
        metrics.Should().MatchRegex("""club_registrations_total\{[^}]*outcome="WrongCode"[^}]*\} [1-9]""");
        metrics.Should().MatchRegex("""club_registrations_total\{[^}]*outcome="Registered"[^}]*\} [1-9]""");
        metrics.Should().MatchRegex("""club_scratch_codes_wrong_total(\{[^}]*\})? [1-9]""");
        metrics.Should().MatchRegex("""club_mediator_duration_seconds_count\{[^}]*request="RegisterItemCommand"[^}]*\} [1-9]""");
        metrics.Should().Contain("club_mail_queue");
        // Labels are closed sets: no serial, code, e-mail or member id ever becomes one.
        foreach (var personal in new[] { tags[0].Serial, tags[0].ScratchCode, tags[1].ScratchCode, buyer.Email, buyer.Id.ToString() })
        {
            metrics.Should().NotContain(personal);
        }

        // Npgsql names its pools by the connection string: without the password. (Command names such as
        // ResetPasswordCommand, recorded by other tests in this process, are fine.)
        metrics.Should().NotMatchRegex("(?i)password\\s*=");
        metrics.Should().NotContain("buyer-pass-1");
    }

    [Fact]
    public async Task The_webhook_queue_gauge_shows_the_pending_deliveries_beside_the_mail_queue()
    {
        var shop = (await site.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery())).First();
        (await site.SendAsync<AddWebhookEndpointResult>(new AddWebhookEndpointCommand(shop.PartnerId, "https://till.partner.example/hooks", WebhookEvents.SellerActivated)))
            .Added.Should().BeTrue();
        var databases = site.Services.GetRequiredService<IClubDbFactory>();
        await using (var db = await databases.CreateAsync(CancellationToken.None))
        {
            for (var i = 0; i < 3; i++)
            {
                await WebhookOutbox.EnqueueAsync(db, shop.PartnerId, WebhookEvents.SellerActivated, new { seller = i }, DateTimeOffset.UtcNow, CancellationToken.None);
            }
        }

        // Sampled now rather than after the sampler's 15 s tick; the count is read back from the table,
        // since the delivery job may run meanwhile (the unreachable URL keeps every delivery pending).
        await site.Services.GetServices<IHostedService>().OfType<OutboxQueueSampler>().Single().SampleAsync(CancellationToken.None);
        long pending;
        await using (var db = await databases.CreateAsync(CancellationToken.None))
        {
            pending = await db.WebhookDeliveries.LongCountAsync(d => d.State == WebhookDeliveryState.Pending);
        }

        var metrics = await ScrapeAsync();

        pending.Should().BeGreaterThanOrEqualTo(3);
        var gauge = Regex.Match(metrics, """^club_webhook_queue(\{[^}]*\})? (\d+)""", RegexOptions.Multiline);
        gauge.Success.Should().BeTrue("the scrape lists club_webhook_queue");
        long.Parse(gauge.Groups[2].Value, CultureInfo.InvariantCulture).Should().Be(pending);
        metrics.Should().Contain("club_mail_queue");
    }

    [Fact]
    public async Task The_endpoint_answers_404_without_the_token_or_with_a_wrong_one()
    {
        var client = site.CreateBrowserlessClient();

        (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MonitoredSite.Token[..^1] + "x");
        (await client.SendAsync(wrong)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<string> ScrapeAsync()
    {
        var client = site.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MonitoredSite.Token);
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>Liveness never asks the database; readiness does, so a balancer stops sending traffic to a node without one.</summary>
public class HealthProbeTests(RelayedSiteFactory site) : IClassFixture<RelayedSiteFactory>
{
    [Fact]
    public async Task Liveness_answers_without_the_database_and_readiness_says_it_is_gone()
    {
        var client = site.CreateBrowserlessClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        site.Relay.Stop();
        HttpResponseMessage live, ready, old;
        try
        {
            live = await client.GetAsync("/health/live");
            ready = await client.GetAsync("/health/ready");
            old = await client.GetAsync("/health");
        }
        finally
        {
            site.Relay.Start();
        }

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        (await live.Content.ReadAsStringAsync()).Should().Contain("Healthy");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        old.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "/health stays the readiness probe it always was");
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
