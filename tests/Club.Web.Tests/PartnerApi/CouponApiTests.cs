using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Club.Application.Features.Collector;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Registration;
using Club.Domain.PartnerApi;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Web.Tests.PartnerApi;

/// <summary>A till checks and redeems a member's Collector coupon through the API: once, and only with the scope.</summary>
public class CouponApiTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_till_checks_a_coupon_and_redeems_it_once_and_a_key_without_the_scope_is_refused()
    {
        var code = await OpenedCouponAsync();
        var partner = await site.WithDbAsync(db => db.Partners.Select(p => p.Id).FirstAsync());
        var till = Client(await KeyAsync(partner, ApiScopes.RedeemCoupons));

        var check = await till.GetFromJsonAsync<JsonElement>($"/api/v1/coupons/{code.ToLowerInvariant()}");
        (check.GetProperty("state").GetString(), check.GetProperty("percent").GetInt32()).Should().Be(("Usable", 24));

        var redeemed = await till.PostAsync($"/api/v1/coupons/{code}/redemption", null);
        redeemed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await redeemed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redeemed").GetBoolean().Should().BeTrue();
        await ShouldBeProblemAsync(await till.PostAsync($"/api/v1/coupons/{code}/redemption", null), HttpStatusCode.Conflict, "coupon-not-redeemable");
        await ShouldBeProblemAsync(await till.GetAsync("/api/v1/coupons/COL-00000000"), HttpStatusCode.NotFound, "coupon-not-found");

        var tagsOnly = Client(await KeyAsync(partner, ApiScopes.ReadTags));
        (await tagsOnly.GetAsync($"/api/v1/coupons/{code}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var redeemedBy = await site.WithDbAsync(db => db.CollectorCoupons.Where(c => c.Code == code).Select(c => c.RedeemedPartnerId).SingleAsync());
        redeemedBy.Should().Be(partner);
    }

    /// <summary>A buyer whose one item reaches the threshold, with the benefits opened: the first coupon's code.</summary>
    private async Task<string> OpenedCouponAsync()
    {
        await site.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE products SET recommended_price = 12000 WHERE sku = 'AQ-SEA-R01'"));
        var buyer = (await TestTags.CreateBuyerAsync(site.Services)).Id;
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        (await site.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tag.Serial, tag.ScratchCode))).Outcome.Should().Be(RegistrationOutcome.Registered);
        (await site.SendAsync<bool>(new OpenCollectorBenefitsCommand(buyer))).Should().BeTrue();
        return (await site.SendAsync<CollectorStatusView?>(new GetCollectorStatusQuery(buyer)))!.Coupons[0].Code;
    }

    private async Task<string> KeyAsync(int partner, ApiScopes scopes)
    {
        var result = await site.SendAsync<CreateApiKeyResult>(new CreateApiKeyCommand(partner, "coupon tests", scopes, null, 1000, Guid.Empty));
        return result.Key ?? throw new InvalidOperationException(result.Errors[0].Message.Text);
    }

    private HttpClient Client(string key)
    {
        var client = site.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        response.StatusCode.Should().Be(status);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("urn:club:problem:" + type);
    }
}
