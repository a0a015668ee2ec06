using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Privacy;
using Club.Application.Features.Registration;
using Club.Application.Features.Sellers;
using Club.Domain.PartnerApi;
using Club.Domain.Privacy;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.PartnerApi;

/// <summary>The partners' API over the real site: keys, scopes, limits, idempotent sales and partner isolation on every endpoint.</summary>
public class PartnerApiTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{

    [Fact]
    public async Task Requests_without_a_valid_key_get_a_401_problem_and_a_key_without_the_scope_a_403()
    {
        var anonymous = site.CreateBrowserlessClient();
        var none = await anonymous.GetAsync("/api/v1/tags/ABC");
        await ShouldBeProblemAsync(none, HttpStatusCode.Unauthorized, "unauthorized");
        none.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");

        var wrong = ApiClient("club_00000000_" + new string('A', 43));
        await ShouldBeProblemAsync(await wrong.GetAsync("/api/v1/tags/ABC"), HttpStatusCode.Unauthorized, "unauthorized");

        var (partner, _) = await PartnerWithShopAsync(0);
        var tagsOnly = await KeyAsync(partner, ApiScopes.ReadTags);
        await ShouldBeProblemAsync(await ApiClient(tagsOnly).GetAsync("/api/v1/sales"), HttpStatusCode.Forbidden, "missing-scope");

        // The other header works as well as the bearer one.
        var viaHeader = site.CreateBrowserlessClient();
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", tagsOnly);
        (await viaHeader.GetAsync("/api/v1/tags/ABC")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revoked_or_expired_key_stops_working_and_the_last_use_is_recorded()
    {
        var (partner, _) = await PartnerWithShopAsync(0);
        var key = await KeyAsync(partner, ApiScopes.ReadTags);
        var client = ApiClient(key);
        (await client.GetAsync("/api/v1/tags/ABC")).StatusCode.Should().Be(HttpStatusCode.OK);
        var row = (await site.SendAsync<IReadOnlyList<ApiKeyRow>>(new ListApiKeysQuery())).Single(k => key.StartsWith(k.Prefix, StringComparison.Ordinal));
        row.LastUsedAt.Should().NotBeNull();

        (await site.SendAsync<Result>(new RevokeApiKeyCommand(row.Id))).Succeeded.Should().BeTrue();
        await ShouldBeProblemAsync(await client.GetAsync("/api/v1/tags/ABC"), HttpStatusCode.Unauthorized, "unauthorized");

        var expiring = await KeyAsync(partner, ApiScopes.ReadTags);
        var prefix = expiring[..ApiKey.PrefixLength];
        await site.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE prefix = {prefix}"));

        // Not cached yet on this node (never used), so the expiry shows at once.
        await ShouldBeProblemAsync(await ApiClient(expiring).GetAsync("/api/v1/tags/ABC"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Tag_status_is_the_scan_pages_verdict_and_the_same_for_every_partner()
    {
        var (a, _) = await PartnerWithShopAsync(0);
        var (b, _) = await PartnerWithShopAsync(1);
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, onSale: false);
        await TestTags.PutOnSaleAsync(site.Services, batchId, b.Name);

        var viaA = await ApiClient(await KeyAsync(a, ApiScopes.ReadTags)).GetStringAsync($"/api/v1/tags/{tags[0].Serial}");
        var viaB = await ApiClient(await KeyAsync(b, ApiScopes.ReadTags)).GetStringAsync($"/api/v1/tags/{tags[0].Serial}");

        using var json = JsonDocument.Parse(viaA);
        json.RootElement.GetProperty("verdict").GetString().Should().Be("Available");
        json.RootElement.GetProperty("product").GetProperty("sku").GetString().Should().Be("AQ-SEA-R01");
        // The public verdict only: which partner the batch went to is nobody's business over the API.
        viaA.Should().Be(viaB).And.NotContain(b.Name);

        var fake = await ApiClient(await KeyAsync(a, ApiScopes.ReadTags)).GetStringAsync("/api/v1/tags/%3Cscript%3E");
        fake.Should().Contain("\"verdict\":\"NotGenuine\"").And.NotContain("<script>");
    }

    [Fact]
    public async Task The_same_sale_posted_by_20_parallel_retries_is_one_sale_with_one_set_of_points()
    {
        var (partner, shop) = await PartnerWithShopAsync(0);
        var seller = await site.SellerAsync(partner.Id, shop);
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, onSale: false);
        await TestTags.PutOnSaleAsync(site.Services, batchId, partner.Name);
        var client = ApiClient(await KeyAsync(partner, ApiScopes.RecordSales));
        var idempotencyKey = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostSaleAsync(client, idempotencyKey, new { sellerId = seller.Id, serial = tags[0].Serial })));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        var saleIds = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("saleId").GetInt64()));
        saleIds.Distinct().Should().ContainSingle();
        responses.Count(r => r.Headers.Contains("Idempotent-Replayed")).Should().Be(19);

        // The buyer registers the item: the seller's sale is confirmed and paid, once.
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        (await site.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer.Id, tags[0].Serial, tags[0].ScratchCode))).Outcome.Should().Be(RegistrationOutcome.Registered);
        (await site.WithDbAsync(db => db.Sales.CountAsync(s => s.SellerId == seller.Id))).Should().Be(1);
        (await site.WithDbAsync(db => db.PointsEntries.CountAsync(e => e.MemberId == seller.Id))).Should().Be(1);
    }

    [Fact]
    public async Task A_key_reused_with_another_body_is_refused_and_bad_input_gets_a_problem_not_a_500()
    {
        var (partner, shop) = await PartnerWithShopAsync(0);
        var seller = await site.SellerAsync(partner.Id, shop);
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 2, onSale: false);
        await TestTags.PutOnSaleAsync(site.Services, batchId, partner.Name);
        var client = ApiClient(await KeyAsync(partner, ApiScopes.RecordSales));
        var key = Guid.NewGuid().ToString();

        (await PostSaleAsync(client, key, new { sellerPhone = seller.Phone, serial = tags[0].Serial })).StatusCode.Should().Be(HttpStatusCode.Created);
        await ShouldBeProblemAsync(await PostSaleAsync(client, key, new { sellerPhone = seller.Phone, serial = tags[1].Serial }),
            HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");

        await ShouldBeProblemAsync(await PostSaleAsync(client, null, new { sellerId = seller.Id, serial = tags[1].Serial }), HttpStatusCode.BadRequest, "invalid-request");
        await ShouldBeProblemAsync(await PostSaleAsync(client, "k-" + Guid.NewGuid(), new { serial = tags[1].Serial }), HttpStatusCode.BadRequest, "invalid-request");
        var broken = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        broken.Headers.Add("Idempotency-Key", "k-" + Guid.NewGuid());
        await ShouldBeProblemAsync(await client.SendAsync(broken), HttpStatusCode.BadRequest, "invalid-request");
        await ShouldBeProblemAsync(await PostSaleAsync(client, "k-" + Guid.NewGuid(), new { sellerId = seller.Id, serial = "NOTASERIAL" }),
            HttpStatusCode.UnprocessableEntity, "sale-refused");
    }

    [Fact]
    public async Task A_partner_cannot_record_a_sale_for_another_partners_seller()
    {
        var (a, _) = await PartnerWithShopAsync(0);
        var (b, shopB) = await PartnerWithShopAsync(1);
        var sellerOfB = await site.SellerAsync(b.Id, shopB);
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, onSale: false);
        await TestTags.PutOnSaleAsync(site.Services, batchId, b.Name);
        var clientOfA = ApiClient(await KeyAsync(a, ApiScopes.RecordSales));

        await ShouldBeProblemAsync(await PostSaleAsync(clientOfA, "k-" + Guid.NewGuid(), new { sellerId = sellerOfB.Id, serial = tags[0].Serial }),
            HttpStatusCode.NotFound, "seller-not-found");
        await ShouldBeProblemAsync(await PostSaleAsync(clientOfA, "k-" + Guid.NewGuid(), new { sellerPhone = sellerOfB.Phone, serial = tags[0].Serial }),
            HttpStatusCode.NotFound, "seller-not-found");

        (await site.WithDbAsync(db => db.Sales.CountAsync(s => s.SellerId == sellerOfB.Id))).Should().Be(0);
    }

    [Fact]
    public async Task Reports_page_by_cursor_and_show_only_the_keys_partner()
    {
        var (a, shopA) = await PartnerWithShopAsync(0);
        var (b, shopB) = await PartnerWithShopAsync(1);
        var sellerA = await site.SellerAsync(a.Id, shopA);
        var sellerB = await site.SellerAsync(b.Id, shopB);
        foreach (var (partner, seller) in new[] { (a, sellerA), (a, sellerA), (b, sellerB) })
        {
            var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, onSale: false);
            await TestTags.PutOnSaleAsync(site.Services, batchId, partner.Name);
            var sale = await PostSaleAsync(ApiClient(await KeyAsync(partner, ApiScopes.RecordSales)), "k-" + Guid.NewGuid(), new { sellerId = seller.Id, serial = tags[0].Serial });
            sale.StatusCode.Should().Be(HttpStatusCode.Created);
            var buyer = await TestTags.CreateBuyerAsync(site.Services);
            await site.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer.Id, tags[0].Serial, tags[0].ScratchCode));
        }

        var reader = ApiClient(await KeyAsync(a, ApiScopes.ReadReports));
        var sellerIds = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            // Pages of 50: the demo partner has a year of history sales before these.
            var page = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/sales?limit=50{(cursor is null ? "" : "&cursor=" + cursor)}");
            sellerIds.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("sellerId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 100);

        sellerIds.Should().Contain(sellerA.Id.ToString()).And.NotContain(sellerB.Id.ToString());
        pages.Should().BeGreaterThan(1);

        var points = await reader.GetStringAsync("/api/v1/points?limit=500");
        points.Should().Contain(sellerA.Id.ToString()).And.NotContain(sellerB.Id.ToString());
        var sellers = await reader.GetStringAsync("/api/v1/sellers?limit=500");
        sellers.Should().Contain(sellerA.Id.ToString()).And.NotContain(sellerB.Id.ToString());

        var firstSellers = await reader.GetFromJsonAsync<JsonElement>("/api/v1/sellers?limit=1");
        var next = firstSellers.GetProperty("nextCursor").GetString();
        (await reader.GetAsync($"/api/v1/sellers?limit=1&cursor={next}")).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var bad in new[] { "/api/v1/sales?cursor=-1", "/api/v1/sales?cursor=abc", "/api/v1/points?limit=0", "/api/v1/points?limit=99999999999",
                     "/api/v1/sellers?cursor=1.xyz", "/api/v1/sellers?cursor=99999999999999999999.x" })
        {
            await ShouldBeProblemAsync(await reader.GetAsync(bad), HttpStatusCode.BadRequest, "invalid-paging");
        }

        // Control characters are turned away by the site's filter before any endpoint runs.
        (await reader.GetAsync("/api/v1/sellers?cursor=%00")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_is_found_by_phone_only_with_their_consent_and_shows_only_id_and_first_name()
    {
        var (a, _) = await PartnerWithShopAsync(0);
        var (b, _) = await PartnerWithShopAsync(1);
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var phone = await site.WithDbAsync(db => db.Database.SqlQuery<string>($"SELECT phone_number AS \"Value\" FROM users WHERE id = {buyer.Id}").SingleAsync());
        var clientOfA = ApiClient(await KeyAsync(a, ApiScopes.ReadMembers));
        var query = "/api/v1/members?phone=" + Uri.EscapeDataString(phone);

        await ShouldBeProblemAsync(await clientOfA.GetAsync(query), HttpStatusCode.NotFound, "member-not-found");

        (await site.SendAsync<Result>(new ChangeMyConsentCommand(buyer.Id, ConsentKinds.PartnerLookup, true))).Succeeded.Should().BeTrue();
        var found = await clientOfA.GetStringAsync(query);
        var viaB = await ApiClient(await KeyAsync(b, ApiScopes.ReadMembers)).GetStringAsync(query);

        found.Should().Be(viaB).And.NotContain(buyer.Email).And.NotContain(phone.TrimStart('+'));
        using var member = JsonDocument.Parse(found);
        member.RootElement.GetProperty("memberId").GetGuid().Should().Be(buyer.Id);
        member.RootElement.GetProperty("firstName").GetString().Should().Be("Покупатель");
        member.RootElement.EnumerateObject().Should().HaveCount(2);
        await ShouldBeProblemAsync(await clientOfA.GetAsync("/api/v1/members?phone=" + Uri.EscapeDataString(buyer.Email)), HttpStatusCode.NotFound, "member-not-found");
        await ShouldBeProblemAsync(await clientOfA.GetAsync("/api/v1/members"), HttpStatusCode.BadRequest, "invalid-request");
        await ShouldBeProblemAsync(await ApiClient(await KeyAsync(a, ApiScopes.ReadTags)).GetAsync(query), HttpStatusCode.Forbidden, "missing-scope");
    }

    [Fact]
    public async Task Past_its_rate_limit_a_key_gets_429_with_retry_after()
    {
        var (partner, _) = await PartnerWithShopAsync(0);
        var client = ApiClient(await KeyAsync(partner, ApiScopes.ReadTags, requestsPerMinute: 2));
        (await client.GetAsync("/api/v1/tags/ABC")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/tags/ABC")).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await client.GetAsync("/api/v1/tags/ABC");

        await ShouldBeProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        refused.Headers.RetryAfter!.Delta.Should().BePositive();
    }

    [Fact]
    public async Task The_openapi_document_and_the_docs_page_describe_the_api_from_the_sites_own_files()
    {
        var client = site.CreateBrowserlessClient();
        var document = await client.GetStringAsync("/api/openapi/v1.json");
        document.Should().Contain("/api/v1/sales").And.Contain("/api/v1/tags/{serial}").And.NotContain("/account/");

        var docs = await client.GetAsync("/api/docs/");
        docs.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await docs.Content.ReadAsStringAsync();
        html.Should().NotContain("cdn.jsdelivr").And.NotContain("://cdn");
        docs.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("'nonce-").And.NotContain("'unsafe-eval'");

        await ShouldBeProblemAsync(await client.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_program_manager_creates_a_key_on_the_page_and_sees_it_once()
    {
        var (partner, _) = await PartnerWithShopAsync(0);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var created = await HtmlForms.SubmitAsync(client, "/manage/api-keys", new Dictionary<string, string>
        {
            ["_handler"] = "create", ["Key.PartnerId"] = partner.Id.ToString(), ["Key.Name"] = "Касса 1", ["Key.ReadTags"] = "true", ["Key.PerMinute"] = "60",
        });

        var html = await created.Content.ReadAsStringAsync();
        html.Should().Contain("Ключ создан.");
        var key = System.Text.RegularExpressions.Regex.Match(html, "club_[0-9a-f]{8}_[A-Za-z0-9_-]{43}").Value;
        key.Should().NotBeEmpty();
        (await ApiClient(key).GetAsync("/api/v1/tags/ABC")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetStringAsync("/manage/api-keys")).Should().NotContain(key).And.Contain(key[..ApiKey.PrefixLength]);

        var refused = await HtmlForms.SubmitAsync(client, "/manage/api-keys", new Dictionary<string, string>
        {
            ["_handler"] = "create", ["Key.PartnerId"] = partner.Id.ToString(), ["Key.Name"] = "", ["Key.PerMinute"] = "x",
        });
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hooks")]
    [InlineData("http://localhost:9/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:9/hooks")]
    [InlineData("http://10.0.0.1/hooks")]
    public async Task Webhooks_never_reach_loopback_private_or_link_local_addresses(string url)
    {
        var sender = site.Services.GetRequiredService<IWebhookSender>();

        var result = await sender.SendAsync(url, new Dictionary<string, string>(), "{}", CancellationToken.None);

        result.Status.Should().BeNull();
        result.Error.Should().Contain("public addresses only");
    }

    [Theory]
    [InlineData("partner@club.demo")]
    [InlineData("seller@club.demo")]
    public async Task Only_brand_staff_open_the_key_page(string refused) =>
        await site.AssertOpensOnlyToAsync("/manage/api-keys", "manager@club.demo", refused);

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("urn:club:problem:" + type);
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
    }

    private static Task<HttpResponseMessage> PostSaleAsync(HttpClient client, string? idempotencyKey, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    private HttpClient ApiClient(string key)
    {
        var client = site.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private sealed record TestPartner(int Id, string Name);

    /// <summary>The first shop of the <paramref name="index"/>-th demo partner that has shops.</summary>
    private async Task<(TestPartner Partner, int ShopId)> PartnerWithShopAsync(int index)
    {
        var shops = await site.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        var shop = shops.GroupBy(s => s.PartnerId).OrderBy(g => g.Key).ElementAt(index).First();
        return (new TestPartner(shop.PartnerId, shop.PartnerName), shop.ShopId);
    }


    private async Task<string> KeyAsync(TestPartner partner, ApiScopes scopes, int requestsPerMinute = 1000)
    {
        var result = await site.SendAsync<CreateApiKeyResult>(new CreateApiKeyCommand(partner.Id, "tests", scopes, null, requestsPerMinute, Guid.Empty));
        return result.Key ?? throw new InvalidOperationException(result.Errors[0].Message.Text);
    }

}
