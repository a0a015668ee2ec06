using System.Security.Cryptography;
using System.Text;
using Club.Application.Abstractions;
using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Club.Infrastructure.RateLimiting;

/// <summary>
/// Counters in PostgreSQL (table rate_limit_counters), so every node behind the balancer counts into the
/// same windows. A window starts at a partition's first hit and lasts the rule's window; one upsert per
/// call counts all its hits and returns the counts. Partitions are stored as a hash: typed emails and
/// addresses are not kept, and a 10 kB hostile value costs no more than a short one.
/// </summary>
internal sealed class PostgresRateLimiter(ClubDatabase database, IConfiguration configuration) : IRateLimiter
{
    /// <summary>Club:Bench:DisableRateLimits: load tests from one address would otherwise measure the 429 page.</summary>
    public const string DisableKey = "Club:Bench:DisableRateLimits";

    private readonly bool disabled = configuration.GetValue<bool>(DisableKey);

    public async Task<RateLimitResult> HitAsync(IReadOnlyList<RateLimitHit> hits, CancellationToken cancellationToken = default)
    {
        if (disabled || hits.Count == 0)
        {
            return RateLimitResult.Unlimited(hits.Count);
        }

        // The same policy and partition twice in one statement would make ON CONFLICT update a row twice.
        var keys = hits.Select(hit => (hit.Rule.Policy, Hash: PartitionHash(hit.Partition))).ToList();
        var distinct = keys.Select((key, i) => (key, i)).DistinctBy(x => x.key).ToList();

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO rate_limit_counters AS c (policy, partition_hash, hits, window_ends_at)
            SELECT policy, partition_hash, 1, now() + make_interval(secs => window_seconds)
            FROM unnest(@policies, @partitions, @windows) AS hit(policy, partition_hash, window_seconds)
            ON CONFLICT (policy, partition_hash) DO UPDATE SET
                hits = CASE WHEN c.window_ends_at <= now() THEN 1 ELSE least(c.hits, 1000000000) + 1 END,
                window_ends_at = CASE WHEN c.window_ends_at <= now() THEN excluded.window_ends_at ELSE c.window_ends_at END
            RETURNING c.policy, c.partition_hash, c.hits, extract(epoch FROM c.window_ends_at - now())::float8
            """, connection);
        command.Parameters.AddWithValue("policies", distinct.Select(x => x.key.Policy).ToArray());
        command.Parameters.AddWithValue("partitions", distinct.Select(x => x.key.Hash).ToArray());
        command.Parameters.AddWithValue("windows", distinct.Select(x => hits[x.i].Rule.Window.TotalSeconds).ToArray());

        var counted = new Dictionary<(string, string), (int Hits, double SecondsLeft)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counted[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt32(2), reader.GetDouble(3));
            }
        }

        var counts = new int[hits.Count];
        var allowed = true;
        var retryAfter = TimeSpan.Zero;
        for (var i = 0; i < hits.Count; i++)
        {
            var (count, secondsLeft) = counted[keys[i]];
            counts[i] = count;
            if (count > hits[i].Rule.Limit)
            {
                allowed = false;
                retryAfter = TimeSpan.FromSeconds(Math.Max(retryAfter.TotalSeconds, Math.Max(1, Math.Ceiling(secondsLeft))));
            }
        }

        return new RateLimitResult(allowed, retryAfter, counts);
    }

    public async Task<RateLimitResult> PeekAsync(IReadOnlyList<RateLimitHit> hits, CancellationToken cancellationToken = default)
    {
        if (disabled || hits.Count == 0)
        {
            return RateLimitResult.Unlimited(hits.Count);
        }

        var keys = hits.Select(hit => (hit.Rule.Policy, Hash: PartitionHash(hit.Partition))).ToList();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT c.policy, c.partition_hash, c.hits, extract(epoch FROM c.window_ends_at - now())::float8
            FROM rate_limit_counters c
            JOIN unnest(@policies, @partitions) AS hit(policy, partition_hash) USING (policy, partition_hash)
            WHERE c.window_ends_at > now()
            """, connection);
        command.Parameters.AddWithValue("policies", keys.Select(k => k.Policy).ToArray());
        command.Parameters.AddWithValue("partitions", keys.Select(k => k.Hash).ToArray());

        var counted = new Dictionary<(string, string), (int Hits, double SecondsLeft)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counted[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt32(2), reader.GetDouble(3));
            }
        }

        // Over the limit means no attempt is left: the next one would be past it.
        var counts = new int[hits.Count];
        var allowed = true;
        var retryAfter = TimeSpan.Zero;
        for (var i = 0; i < hits.Count; i++)
        {
            var (count, secondsLeft) = counted.GetValueOrDefault(keys[i]);
            counts[i] = count;
            if (count >= hits[i].Rule.Limit)
            {
                allowed = false;
                retryAfter = TimeSpan.FromSeconds(Math.Max(retryAfter.TotalSeconds, Math.Max(1, Math.Ceiling(secondsLeft))));
            }
        }

        return new RateLimitResult(allowed, retryAfter, counts);
    }

    private static string PartitionHash(string partition) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(partition)).AsSpan(0, 16));
}
