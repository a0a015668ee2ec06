using System.Diagnostics;
using Club.Application.Abstractions;
using Club.Infrastructure.Postgres;
using Club.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Tests.RateLimiting;

public class SharedRateLimiterTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly RateLimitRule FivePerMinute = new("test-five", 5, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task Two_nodes_count_into_the_same_window()
    {
        await using var otherNode = await StartNodeAsync();
        var partition = Guid.NewGuid().ToString();
        var nodes = new[] { database.Services.GetRequiredService<IRateLimiter>(), otherNode.GetRequiredService<IRateLimiter>() };

        var results = new List<RateLimitResult>();
        for (var i = 0; i < 7; i++)
        {
            results.Add(await nodes[i % 2].HitAsync([new RateLimitHit(FivePerMinute, partition)]));
        }

        results.Select(r => r.Allowed).Should().Equal(true, true, true, true, true, false, false);
        results.Select(r => r.Counts[0]).Should().Equal(1, 2, 3, 4, 5, 6, 7);
        results[^1].RetryAfter.TotalSeconds.Should().BeInRange(1, 60);
    }

    [Fact]
    public async Task Parallel_hits_from_two_nodes_let_exactly_the_limit_through()
    {
        await using var otherNode = await StartNodeAsync();
        var partition = Guid.NewGuid().ToString();
        var nodes = new[] { database.Services.GetRequiredService<IRateLimiter>(), otherNode.GetRequiredService<IRateLimiter>() };

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => nodes[i % 2].HitAsync([new RateLimitHit(FivePerMinute, partition)]))));

        results.Count(r => r.Allowed).Should().Be(5);
        results.Select(r => r.Counts[0]).Order().Should().Equal(Enumerable.Range(1, 40));
    }

    [Fact]
    public async Task One_call_counts_several_partitions_and_refuses_when_any_is_over()
    {
        var limiter = database.Services.GetRequiredService<IRateLimiter>();
        var address = Guid.NewGuid().ToString();
        var roomy = new RateLimitRule("test-roomy", 100, TimeSpan.FromMinutes(1));
        var tight = new RateLimitRule("test-tight", 1, TimeSpan.FromHours(1));

        var first = await limiter.HitAsync([new RateLimitHit(roomy, address), new RateLimitHit(tight, address)]);
        var second = await limiter.HitAsync([new RateLimitHit(roomy, address), new RateLimitHit(tight, address)]);

        first.Allowed.Should().BeTrue();
        first.Counts.Should().Equal(1, 1);
        second.Allowed.Should().BeFalse();
        second.Counts.Should().Equal(2, 2);
        second.RetryAfter.TotalMinutes.Should().BeInRange(59, 60, "the tight rule's hour decides when to come back");
    }

    [Fact]
    public async Task An_ended_window_starts_again_from_one()
    {
        var limiter = database.Services.GetRequiredService<IRateLimiter>();
        var shortRule = new RateLimitRule("test-short", 1, TimeSpan.FromSeconds(5));
        var partition = Guid.NewGuid().ToString();

        (await limiter.HitAsync([new RateLimitHit(shortRule, partition)])).Allowed.Should().BeTrue();
        (await limiter.HitAsync([new RateLimitHit(shortRule, partition)])).Allowed.Should().BeFalse();
        // Waits for the window's end as the database sees it (a peek counts nothing), not a fixed time.
        var waited = Stopwatch.StartNew();
        while (!(await limiter.PeekAsync([new RateLimitHit(shortRule, partition)])).Allowed)
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a 5-second window ends");
            await Task.Delay(100);
        }

        var again = await limiter.HitAsync([new RateLimitHit(shortRule, partition)]);
        again.Allowed.Should().BeTrue();
        again.Counts.Should().Equal(1);
    }

    [Fact]
    public async Task The_bench_switch_turns_counting_off()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Club"] = database.ConnectionString,
                ["Club:Bench:DisableRateLimits"] = "true",
            })
            .Build();
        await using var node = await StartNodeAsync(services => services.AddSingleton<IConfiguration>(configuration));
        var limiter = node.GetRequiredService<IRateLimiter>();
        var partition = Guid.NewGuid().ToString();

        for (var i = 0; i < 10; i++)
        {
            (await limiter.HitAsync([new RateLimitHit(FivePerMinute, partition)])).Allowed.Should().BeTrue();
        }
    }

    /// <summary>A second set of the site's services on the same database, as another node would have.</summary>
    private async Task<ServiceProvider> StartNodeAsync(Action<IServiceCollection>? configure = null)
    {
        var node = TestServices.Build(database.ConnectionString, configure: configure);
        await node.GetRequiredService<ClubDatabase>().StartAsync();
        return node;
    }
}
