using System.Net;
using Club.Application.Abstractions;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Reliability;

/// <summary>A site whose database goes through a relay the test can cut, with a small pool that gives up waiting after 2 s.</summary>
public sealed class RelayedSiteFactory : ClubWebFactory
{
    public TcpRelay Relay { get; private set; } = null!;

    public const int PoolSize = 4;

    protected override string SiteConnectionString(string databaseConnectionString)
    {
        (Relay, var throughRelay) = TcpRelay.For(databaseConnectionString, $"Maximum Pool Size={PoolSize};Timeout=2");
        return throughRelay;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Relay?.Dispose();
    }
}

public class DatabaseUnavailableTests(RelayedSiteFactory site) : IClassFixture<RelayedSiteFactory>
{
    [Fact]
    public async Task A_database_outage_answers_503_with_retry_after_and_a_plain_page_then_the_site_recovers()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var client = site.CreateBrowserlessClient();
        (await client.GetAsync($"/T/{tag.Serial}")).StatusCode.Should().Be(HttpStatusCode.OK);

        site.Relay.Stop();
        var during = await client.GetAsync($"/T/{tag.Serial}");
        var page = await during.Content.ReadAsStringAsync();
        site.Relay.Start();
        var after = await client.GetAsync($"/T/{tag.Serial}");

        during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        during.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
        page.Should().Contain("Сайт перегружен").And.Contain("База данных клуба сейчас не отвечает. Ничего не изменено.");
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_pool_with_no_free_connection_answers_503_not_500()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");
        (await client.GetAsync("/cabinet/points")).StatusCode.Should().Be(HttpStatusCode.OK);
        var held = new List<IClubDb>();
        try
        {
            // Every connection of the site's pool busy (as in a burst of 100 orders), none freed within its Timeout.
            for (var i = 0; i < RelayedSiteFactory.PoolSize; i++)
            {
                var context = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
                await context.Database.OpenConnectionAsync();
                held.Add(context);
            }

            var response = await client.GetAsync("/cabinet/points");

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.Should().NotBeNull();
        }
        finally
        {
            foreach (var context in held)
            {
                await context.DisposeAsync();
            }
        }

        (await client.GetAsync("/cabinet/points")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
