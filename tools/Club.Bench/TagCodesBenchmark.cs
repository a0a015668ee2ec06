using System.Diagnostics;
using System.Security.Cryptography;
using Club.Infrastructure.Tags;
using Org.BouncyCastle.Crypto.Fpe;
using Org.BouncyCastle.Crypto.Parameters;

namespace Club.Bench;

/// <summary>
/// The CPU parts of a batch, one by one, for 1,000,000 tags: batched FF1 serials (baseline: the same
/// ids through BouncyCastle's reference FpeFf1Engine, sampled), scratch codes, their HMACs.
/// </summary>
internal static class TagCodesBenchmark
{
    public static int Run(string[] args)
    {
        var count = BenchSupport.Option(args, "--count", 1_000_000);
        var key = RandomNumberGenerator.GetBytes(32);
        var codec = new SerialCodec(key);
        codec.EncodeRange(1, 50_000);

        var serials = Time(() => codec.EncodeRange(1, count), out var serialSeconds);
        var reference = new FpeFf1Engine();
        reference.Init(true, new FpeParameters(new KeyParameter(key), 32, []));
        const int Sample = 20_000;
        var digits = new byte[12];
        var output = new byte[12];
        Time(() =>
        {
            for (var i = 0; i < Sample; i++)
            {
                digits[11] = (byte)(i & 31);
                reference.ProcessBlock(digits, 0, 12, output, 0);
            }

            return 0;
        }, out var referenceSeconds);
        var referencePerOp = referenceSeconds / Sample;

        var codes = Time(() => ScratchCode.GenerateMany(count), out var scratchSeconds);
        var hasher = new ScratchHasher(key);
        var hashes = new byte[count * ScratchHasher.HashLength];
        Time(() =>
        {
            hasher.HashMany(codes, hashes);
            return 0;
        }, out var hashSeconds);

        Console.WriteLine($"{count:N0} tags, {Environment.ProcessorCount} cores");
        Console.WriteLine($"serials (batched FF1 + check symbol): {serialSeconds:F2} s = {serialSeconds / count * 1e9:F0} ns/tag; " +
                          $"BouncyCastle FpeFf1Engine: {referencePerOp * 1e6:F1} us/op -> ratio {referencePerOp / (serialSeconds / count):F0}x faster ({serials.Length:N0} made)");
        Console.WriteLine($"scratch codes (CSPRNG):               {scratchSeconds:F2} s");
        Console.WriteLine($"scratch HMAC-SHA256 (all cores):      {hashSeconds:F2} s");
        return 0;
    }

    private static T Time<T>(Func<T> work, out double seconds)
    {
        var timer = Stopwatch.StartNew();
        var result = work();
        seconds = timer.Elapsed.TotalSeconds;
        return result;
    }
}
