using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Club.Domain.Activities;

/// <summary>
/// The contest draw that anyone can check (commit and reveal). At creation a random 32-byte seed is made
/// and the SHA-256 of its bytes is published on the contest page; after the entries close the draw picks
/// the winners from the seed and the published entries list, and the seed is published too. Anyone can
/// then check that the seed hashes to the published hash and recompute the winners:
/// <list type="number">
/// <item>the pool is the entry numbers of the published list, ascending;</item>
/// <item>for round r = 1, 2, ... up to the number of winners (or until the pool is empty): take
/// SHA-256 of the ASCII text "&lt;seed as 64 lower-case hex digits&gt;:&lt;r&gt;" (r in decimal), read its
/// first 8 bytes as an unsigned big-endian integer x, and the winner of the round is the pool's
/// element at index x mod (pool size), counted from 0; remove it from the pool.</item>
/// </list>
/// Staff cannot pick a seed that favours someone: the seed is fixed (and its hash public) before
/// anyone enters, and the database refuses to change it afterwards.
/// </summary>
public static class ContestDraw
{
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The published commitment: SHA-256 of the seed's 32 bytes, as 64 lower-case hex digits.</summary>
    public static string HashOf(string seed) => Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(seed)));

    /// <summary>The winners' entry numbers in the order they were drawn.</summary>
    public static IReadOnlyList<long> Pick(string seed, IEnumerable<long> entries, int winners)
    {
        var pool = entries.Distinct().Order().ToList();
        var picked = new List<long>();
        var lowerSeed = seed.ToLowerInvariant();
        for (var round = 1; round <= winners && pool.Count > 0; round++)
        {
            var digest = SHA256.HashData(Encoding.ASCII.GetBytes($"{lowerSeed}:{round.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            var index = (int)(BinaryPrimitives.ReadUInt64BigEndian(digest) % (ulong)pool.Count);
            picked.Add(pool[index]);
            pool.RemoveAt(index);
        }

        return picked;
    }
}
