using Club.Application.Abstractions;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Club.Infrastructure.Security;

/// <summary>
/// Turns a visitor's address and browser into 16 bytes that cannot be turned back: HMAC-SHA256 under a
/// salt that changes at midnight UTC. The salt is derived from the installation's key, so every web
/// node computes the same hash on the same day without sharing state, and no salt is ever stored.
/// </summary>
public sealed class ScanVisitorHasher(ClubKeys keys, TimeProvider clock) : IScanVisitorHasher
{
    public const int Length = 16;
    private const int MaxUserAgentLength = 512;

    public byte[] Hash(string? address, string? userAgent)
    {
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var salt = HMACSHA256.HashData(keys.Scratch, Encoding.ASCII.GetBytes("scan-visitor-salt:" + day));
        var agent = userAgent is { Length: > MaxUserAgentLength } ? userAgent[..MaxUserAgentLength] : userAgent;
        var hash = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes($"{address}\n{agent}"));
        return hash[..Length];
    }
}
