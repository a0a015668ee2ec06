using System.Collections.Concurrent;
using Club.Application.Abstractions;
using Club.Domain.PartnerApi;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>Who is calling the API: the key, its partner, what it may do and how often.</summary>
public sealed record ApiCaller(int KeyId, int PartnerId, string Prefix, ApiScopes Scopes, int RequestsPerMinute, DateTimeOffset? ExpiresAt)
{
    public bool May(ApiScopes scope) => (Scopes & scope) == scope;
}

/// <summary>
/// Finds the key of a request by its SHA-256. Keys are cached for a few seconds, so the API's busiest
/// reads (tag status from tills) cost no extra round trip; revoking clears this node's cache at once and
/// other nodes' within <see cref="CacheFor"/>. The key's last use is written at most once a minute,
/// by a guarded update, whatever the number of nodes.
/// </summary>
public sealed class ApiKeyAuthenticator(IClubDbFactory dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastUseEvery = TimeSpan.FromMinutes(1);

    private sealed record Entry(ApiCaller? Caller, DateTimeOffset ReadAt)
    {
        public DateTimeOffset LastUseWritten { get; set; }
    }

    private readonly ConcurrentDictionary<string, Entry> cache = new(StringComparer.Ordinal);

    /// <summary>The caller for this key, or null for an unknown, revoked or expired one.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? key, CancellationToken cancellationToken)
    {
        if (!ApiKeySecrets.LooksLikeKey(key))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var hash = ApiKeySecrets.Hash(key!);
        var cacheKey = Convert.ToBase64String(hash);
        if (!cache.TryGetValue(cacheKey, out var entry) || now - entry.ReadAt > CacheFor)
        {
            entry = new Entry(await ReadAsync(hash, now, cancellationToken), now);
            // Unknown keys are cached too, or a stream of made-up keys would be a stream of queries; the
            // cache is bounded by dropping everything when it grows past what honest partners need.
            if (cache.Count > 10_000)
            {
                cache.Clear();
            }

            cache[cacheKey] = entry;
        }

        if (entry.Caller is not { } caller || caller.ExpiresAt <= now)
        {
            return null;
        }

        if (now - entry.LastUseWritten >= LastUseEvery)
        {
            entry.LastUseWritten = now;
            await WriteLastUseAsync(caller.KeyId, now, cancellationToken);
        }

        return caller;
    }

    /// <summary>Drops a key from this node's cache (after revoking it).</summary>
    public void Forget(int keyId)
    {
        foreach (var (cacheKey, entry) in cache)
        {
            if (entry.Caller?.KeyId == keyId)
            {
                cache.TryRemove(cacheKey, out _);
            }
        }
    }

    private async Task<ApiCaller?> ReadAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await (
                from k in db.ApiKeys
                join p in db.Partners on k.PartnerId equals p.Id
                where k.KeyHash == hash && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now) && p.IsActive
                select new ApiCaller(k.Id, k.PartnerId, k.Prefix, k.Scopes, k.RequestsPerMinute, k.ExpiresAt))
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
    }

    private async Task WriteLastUseAsync(int keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minuteAgo = now - LastUseEvery;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // Guarded in the statement: nodes that each think it is time write once between them.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE api_keys SET last_used_at = {now} WHERE id = {keyId} AND (last_used_at IS NULL OR last_used_at <= {minuteAgo})",
            cancellationToken);
    }
}
