using System.Security.Cryptography;
using System.Text;

namespace Club.Infrastructure.Tags;

/// <summary>
/// Scratch codes are stored only as HMAC-SHA256 under a key kept outside the database: a database dump
/// alone cannot be searched for codes (50 bits, but every guess would need the key).
/// </summary>
public sealed class ScratchHasher(byte[] key)
{
    public const int HashLength = 32;

    public byte[] Hash(string canonical)
    {
        var hash = new byte[HashLength];
        Hash(canonical, hash);
        return hash;
    }

    /// <summary>
    /// Hashes of many codes into one buffer, HashLength bytes each, on all cores. One reused HMAC per
    /// part keeps its keyed state: half the work of keying HMAC again for every code.
    /// </summary>
    public void HashMany(string[] canonicalCodes, byte[] hashes)
    {
        const int PerTask = 8192;
        Parallel.For(0, (canonicalCodes.Length + PerTask - 1) / PerTask, part =>
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            Span<byte> ascii = stackalloc byte[Crockford.MaxInputLength];
            var end = Math.Min(canonicalCodes.Length, (part + 1) * PerTask);
            for (var i = part * PerTask; i < end; i++)
            {
                var length = Encoding.ASCII.GetBytes(canonicalCodes[i], ascii);
                hmac.AppendData(ascii[..length]);
                hmac.GetHashAndReset(hashes.AsSpan(i * HashLength, HashLength));
            }
        });
    }

    /// <summary>Constant-time comparison, so timing does not tell how much of a guess was right.</summary>
    public bool Matches(string canonical, ReadOnlySpan<byte> storedHash)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        Hash(canonical, hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }

    private void Hash(string canonical, Span<byte> destination)
    {
        Span<byte> ascii = stackalloc byte[Crockford.MaxInputLength];
        var length = Encoding.ASCII.GetBytes(canonical, ascii);
        HMACSHA256.HashData(key, ascii[..length], destination);
    }
}
