using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Club.Infrastructure.Tags;

public enum ScratchParse
{
    Valid,
    Malformed,
    WrongCheckCharacter,
}

/// <summary>
/// The secret under the scratch-off foil: 10 random Crockford symbols (50 bits from the OS CSPRNG)
/// and a check symbol, printed in groups (<c>K7QM-2XRB-9TD</c>). The check symbol lets a typo be
/// reported as a typo without spending one of the tag's guesses.
/// </summary>
public static class ScratchCode
{
    public const int RandomLength = 10;
    public const int Length = RandomLength + 1;

    public static string Generate() => GenerateMany(1)[0];

    public static string[] GenerateMany(int count)
    {
        var random = new byte[count * sizeof(ulong)];
        RandomNumberGenerator.Fill(random);
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            var bits = BinaryPrimitives.ReadUInt64LittleEndian(random.AsSpan(i * sizeof(ulong)));
            codes[i] = string.Create(Length, bits, static (chars, v) =>
            {
                for (var j = 0; j < RandomLength; j++)
                {
                    chars[j] = Crockford.Alphabet[(int)(v & 31)];
                    v >>= 5;
                }

                chars[RandomLength] = Crockford.CheckSymbol(chars[..RandomLength]);
            });
        }

        return codes;
    }

    /// <summary>The printed form: groups of four, e.g. K7QM-2XRB-9TD.</summary>
    public static string Group(string canonical) =>
        $"{canonical[..4]}-{canonical[4..8]}-{canonical[8..]}";

    /// <summary>Reads what a person typed: any case, spaces or hyphens anywhere, I/L for 1, O for 0.</summary>
    public static ScratchParse TryParse(string? input, out string canonical)
    {
        canonical = "";
        var normalized = Crockford.Normalize(input);
        if (normalized is null || normalized.Length != Length)
        {
            return ScratchParse.Malformed;
        }

        if (Crockford.CheckSymbol(normalized.AsSpan(0, RandomLength)) != normalized[RandomLength])
        {
            return ScratchParse.WrongCheckCharacter;
        }

        canonical = normalized;
        return ScratchParse.Valid;
    }
}
