using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Registration;
using Club.Application.Features.Sellers;
using Club.Domain.Members;
using Club.Domain.PartnerApi;
using Club.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Club.Web.Tests.PartnerApi;

/// <summary>The site with a log capture, allowed to post webhooks to this machine's loopback (where the test's receiver listens).</summary>
public sealed class WebhookSiteFactory : ClubWebFactory
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Club:Webhooks:AllowPrivateAddresses", "true");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>
/// Events go through the outbox to a receiver in the test that checks every signature, fails the first
/// attempts and sees the retries; the secret never reaches the logs.
/// </summary>
public class WebhookDeliveryTests(WebhookSiteFactory site) : IClassFixture<WebhookSiteFactory>
{
    [Fact]
    public async Task A_confirmed_sale_reaches_the_partners_url_signed_after_two_failed_attempts()
    {
        using var receiver = new Receiver(failFirst: 2);
        var shops = await site.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        var shop = shops.OrderBy(s => s.PartnerId).First();
        var other = shops.First(s => s.PartnerId != shop.PartnerId);
        var added = await site.SendAsync<AddWebhookEndpointResult>(new AddWebhookEndpointCommand(shop.PartnerId, receiver.Url, WebhookEvents.SaleConfirmed | WebhookEvents.ItemRegistered));
        receiver.Secret = added.Secret!;
        // Another partner's URL hears nothing of this partner's events.
        using var otherReceiver = new Receiver(failFirst: 0);
        otherReceiver.Secret = (await site.SendAsync<AddWebhookEndpointResult>(new AddWebhookEndpointCommand(other.PartnerId, otherReceiver.Url, WebhookEvents.SaleConfirmed | WebhookEvents.ItemRegistered))).Secret!;

        var (seller, _) = await site.SellerAsync(shop.PartnerId, shop.ShopId);
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, onSale: false);
        await TestTags.PutOnSaleAsync(site.Services, batchId, shop.PartnerName);
        var key = (await site.SendAsync<CreateApiKeyResult>(new CreateApiKeyCommand(shop.PartnerId, "till", ApiScopes.RecordSales, null, 100, Guid.Empty))).Key!;
        var client = site.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = JsonContent.Create(new { sellerId = seller, serial = tags[0].Serial }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var sale = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        await site.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer.Id, tags[0].Serial, tags[0].ScratchCode));

        for (var run = 0; run < 3; run++)
        {
            await site.SendAsync<int>(new DeliverWebhooksCommand());
            await DueNowAsync();
        }

        var saleEvents = receiver.Received.Where(r => r.Event == "sale.confirmed").ToList();
        saleEvents.Should().HaveCount(3, "two failed attempts and the successful third");
        saleEvents.Should().OnlyContain(r => r.SignatureValid);
        saleEvents.Select(r => r.DeliveryId).Distinct().Should().ContainSingle("retries send the same delivery");
        using var body = JsonDocument.Parse(saleEvents[^1].Body);
        body.RootElement.GetProperty("data").GetProperty("saleId").GetInt64().Should().Be(sale.GetProperty("saleId").GetInt64());
        receiver.Received.Should().Contain(r => r.Event == "item.registered" && r.Body.Contains(tags[0].Serial));
        otherReceiver.Received.Should().BeEmpty();

        var log = await site.SendAsync<IReadOnlyList<WebhookEndpointRow>>(new ListWebhooksQuery());
        var delivered = log.Single(e => e.Url == receiver.Url).Deliveries.Single(d => d.Event == "sale.confirmed");
        delivered.State.Should().Be(WebhookDeliveryState.Delivered);
        delivered.Attempts.Should().Be(3);

        // A replay is a new delivery of the same event (same id in the body).
        (await site.SendAsync<Result>(new ReplayWebhookDeliveryCommand(delivered.Id))).Succeeded.Should().BeTrue();
        await site.SendAsync<int>(new DeliverWebhooksCommand());
        var replayed = receiver.Received.Where(r => r.Event == "sale.confirmed").ToList();
        replayed.Should().HaveCount(4);
        JsonDocument.Parse(replayed[^1].Body).RootElement.GetProperty("id").GetString()
            .Should().Be(body.RootElement.GetProperty("id").GetString());

        site.Logs.Lines.Should().NotContain(line => line.Contains(added.Secret!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_url_failing_for_a_day_is_paused_and_the_partners_managers_are_mailed()
    {
        using var receiver = new Receiver(failFirst: int.MaxValue);
        var shop = (await site.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery())).OrderBy(s => s.PartnerId).First();
        receiver.Secret = (await site.SendAsync<AddWebhookEndpointResult>(new AddWebhookEndpointCommand(shop.PartnerId, receiver.Url, WebhookEvents.SellerActivated))).Secret!;
        var (seller, _) = await site.SellerAsync(shop.PartnerId, shop.ShopId, SellerStatus.Pending);
        (await site.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Active, null, await ManagerIdAsync()))).Succeeded.Should().BeTrue();

        await site.SendAsync<int>(new DeliverWebhooksCommand());
        var url = receiver.Url;
        await site.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE webhook_endpoints SET failing_since = now() - interval '25 hours' WHERE url = {url}"));

        await DueNowAsync();
        await site.SendAsync<int>(new DeliverWebhooksCommand());

        var endpoint = (await site.SendAsync<IReadOnlyList<WebhookEndpointRow>>(new ListWebhooksQuery())).Single(e => e.Url == receiver.Url);
        endpoint.PausedAt.Should().NotBeNull();
        receiver.Received.Should().HaveCount(2).And.OnlyContain(r => r.Event == "seller.activated" && r.SignatureValid);
        await DueNowAsync();
        (await site.SendAsync<int>(new DeliverWebhooksCommand())).Should().Be(0, "nothing is sent to a paused address");
        var mails = await site.WithDbAsync(db => db.MailOutbox.Where(m => m.Template == "WebhookPaused").ToListAsync());
        mails.Should().NotBeEmpty("the partner's manager (partner@club.demo) is told");
    }

    [Fact]
    public async Task A_redirect_is_not_followed_but_counts_as_a_failure()
    {
        using var receiver = new Receiver(failFirst: 0) { Redirect = "http://127.0.0.1:9/elsewhere" };
        var sender = site.Services.GetRequiredService<IWebhookSender>();

        var result = await sender.SendAsync(receiver.Url, new Dictionary<string, string>(), "{}", CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Status.Should().Be(302);
        result.Error.Should().Contain("redirects are not followed");
    }

    private Task<Guid> ManagerIdAsync() =>
        site.WithDbAsync(db => db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM users WHERE normalized_email = 'MANAGER@CLUB.DEMO'").SingleAsync());

    /// <summary>Time passes for the queue: every waiting delivery is due now.</summary>
    private Task DueNowAsync() =>
        site.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE webhook_deliveries SET next_attempt_at = now() WHERE state = 0"));



    private sealed record Delivery(string DeliveryId, string Event, string Body, bool SignatureValid);

    /// <summary>A partner's endpoint on loopback: verifies each signature as docs/api.md tells partners to, fails the first N attempts of each delivery.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly int failFirst;
        private readonly ConcurrentDictionary<string, int> attempts = new();

        public Receiver(int failFirst)
        {
            this.failFirst = failFirst;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/hooks/";
            listener.Prefixes.Add(Url);
            listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public string Secret { get; set; } = "";

        /// <summary>When set, every post is answered 302 to this address.</summary>
        public string? Redirect { get; init; }
        public ConcurrentQueue<Delivery> Received { get; } = new();

        private async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (!listener.IsListening)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var timestamp = context.Request.Headers["Club-Webhook-Timestamp"] ?? "";
                var signature = context.Request.Headers["Club-Webhook-Signature"] ?? "";
                var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
                var fresh = long.TryParse(timestamp, out var seconds) && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) < 300;
                var valid = fresh && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected));
                var id = context.Request.Headers["Club-Webhook-Id"] ?? "";
                Received.Enqueue(new Delivery(id, context.Request.Headers["Club-Webhook-Event"] ?? "", body, valid));
                context.Response.StatusCode = attempts.AddOrUpdate(id, 1, (_, n) => n + 1) <= failFirst ? 500 : 200;
                if (Redirect is not null)
                {
                    context.Response.StatusCode = 302;
                    context.Response.RedirectLocation = Redirect;
                }

                context.Response.Close();
            }
        }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
        }
    }
}
