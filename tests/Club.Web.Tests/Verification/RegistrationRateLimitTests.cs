using System.Net;
using Club.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Club.Web.Tests.Verification;

/// <summary>The site with a low limit, so a test reaches it in a few posts.</summary>
public sealed class LowLimitSite : ClubWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Club:RateLimits:PerAccountPerMinute", "3");
        builder.UseSetting("Club:RateLimits:PerAddressPerMinute", "5");
    }
}

public class RegistrationRateLimitTests(LowLimitSite site) : IClassFixture<LowLimitSite>
{
    [Fact]
    public async Task Too_many_codes_from_one_account_get_429_with_retry_after_and_a_plain_message()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await HtmlForms.SubmitAsync(client, $"/T/{tags[0].Serial}", new Dictionary<string, string> { ["code"] = tags[1].ScratchCode });
            statuses.Add(last.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        (await last.Content.ReadAsStringAsync()).Should().Contain("Слишком много попыток").And.Contain($"/T/{tags[0].Serial}");
        (await client.GetAsync($"/T/{tags[0].Serial}")).StatusCode.Should().Be(HttpStatusCode.OK, "reading a tag is never limited");
    }
}

/// <summary>A class of its own: a fresh site, so the address's window starts empty.</summary>
public class AddressRateLimitTests(LowLimitSite site) : IClassFixture<LowLimitSite>
{
    [Fact]
    public async Task Many_accounts_from_one_address_are_limited_too()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var buyer = await TestTags.CreateBuyerAsync(site.Services);
            var client = site.CreateBrowserlessClient();
            await client.SignInAsync(buyer.Email, "buyer-pass-1");
            for (var j = 0; j < 2; j++)
            {
                var response = await HtmlForms.SubmitAsync(client, $"/T/{tags[0].Serial}", new Dictionary<string, string> { ["code"] = tags[1].ScratchCode });
                statuses.Add(response.StatusCode);
            }
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK);
    }
}
