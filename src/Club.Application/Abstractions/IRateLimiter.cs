namespace Club.Application.Abstractions;

/// <summary>A limit: at most <paramref name="Limit"/> hits per <paramref name="Window"/>, counted per partition.</summary>
public sealed record RateLimitRule(string Policy, int Limit, TimeSpan Window);

/// <summary>One counted attempt: the rule and who it is counted for (an address, an account, a typed email).</summary>
public sealed record RateLimitHit(RateLimitRule Rule, string Partition);

/// <summary>
/// The counts after this request, in the order of the hits. <see cref="Allowed"/> is false when any
/// count went past its limit; <see cref="RetryAfter"/> is then when the latest such window ends.
/// </summary>
public sealed record RateLimitResult(bool Allowed, TimeSpan RetryAfter, IReadOnlyList<int> Counts)
{
    public static RateLimitResult Unlimited(int hits) => new(true, TimeSpan.Zero, new int[hits]);
}

/// <summary>
/// Counts attempts in a store shared by every site node, so a limit holds however many nodes serve
/// the site. Every call counts (refused attempts too), all hits of a call in one round trip.
/// </summary>
public interface IRateLimiter
{
    Task<RateLimitResult> HitAsync(IReadOnlyList<RateLimitHit> hits, CancellationToken cancellationToken = default);

    /// <summary>
    /// The counts as they are, counting nothing: for limits on failures (wrong passwords), where the
    /// attempt must be refused before it is evaluated but only a failure is counted, after it.
    /// </summary>
    Task<RateLimitResult> PeekAsync(IReadOnlyList<RateLimitHit> hits, CancellationToken cancellationToken = default);
}
