using System.Net;
using Club.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Club.Web.Tests.Security;

public sealed class SignInLimitSite : ClubWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Club:RateLimits:SignInPerAddressPerMinute", "3");
    }
}

public class SignInAddressLimitTests(SignInLimitSite site) : IClassFixture<SignInLimitSite>
{
    [Fact]
    public async Task Sign_in_posts_from_one_address_are_counted_in_the_shared_store_and_refused_past_the_limit()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await site.CreateBrowserlessClient().SignInAsync("nobody@club.example", "wrong-password-1");
            statuses.Add(last.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        (await last.Content.ReadAsStringAsync()).Should().Contain("Из этой сети слишком много попыток").And.Contain("href=\"/account/sign-in\"");
        (await site.CreateClient().GetAsync("/account/sign-in")).StatusCode.Should().Be(HttpStatusCode.OK, "opening the page is never limited");
    }
}
