namespace Club.Infrastructure.Tags;

/// <summary>
/// Crockford Base32 (digits and letters without I, L, O, U) with a check symbol from the same 32
/// symbols, so printed codes stay short and anything a person reads aloud or retypes is forgiving.
/// </summary>
public static class Crockford
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Longer input is refused before any work: a code is never anywhere near this long.</summary>
    public const int MaxInputLength = 64;

    private static readonly sbyte[] Values = BuildValues();

    // GF(32) with the primitive polynomial x^5 + x^2 + 1: exponent and logarithm tables of the generator.
    private static readonly byte[] Exp = new byte[62];
    private static readonly byte[] Log = new byte[32];

    static Crockford()
    {
        var x = 1;
        for (var i = 0; i < 31; i++)
        {
            Exp[i] = Exp[i + 31] = (byte)x;
            Log[x] = (byte)i;
            x <<= 1;
            if ((x & 0b100000) != 0)
            {
                x ^= 0b100101;
            }
        }
    }

    /// <summary>The symbol's value 0-31, or -1. Lower case, I/L (1) and O (0) are accepted as typed.</summary>
    public static int ValueOf(char symbol) => symbol < 128 ? Values[symbol] : -1;

    /// <summary>
    /// Upper-cases and maps look-alikes, dropping spaces and hyphens. Returns null for anything that is
    /// not made of Crockford symbols or is longer than <see cref="MaxInputLength"/>.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (input is null || input.Length > MaxInputLength)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[MaxInputLength];
        var length = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }

            var value = ValueOf(c);
            if (value < 0)
            {
                return null;
            }

            buffer[length++] = Alphabet[value];
        }

        return new string(buffer[..length]);
    }

    /// <summary>
    /// The check symbol of canonical symbols: sum of value_i * g^(i+1) in GF(32). With the check symbol
    /// at weight g^0 the whole code sums to zero, and all weights are distinct and non-zero (codes up to
    /// 30 symbols), so every single wrong symbol and every swap of two neighbours (check symbol
    /// included) changes the sum. A sum modulo 32 cannot do that: 32 is not prime.
    /// </summary>
    public static char CheckSymbol(ReadOnlySpan<char> canonical)
    {
        var sum = 0;
        for (var i = 0; i < canonical.Length; i++)
        {
            sum ^= Multiply(Values[canonical[i]], Exp[(i + 1) % 31]);
        }

        return Alphabet[sum];
    }

    private static int Multiply(int a, int b) => a == 0 || b == 0 ? 0 : Exp[Log[a] + Log[b]];

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
            values[char.ToLowerInvariant(Alphabet[i])] = (sbyte)i;
        }

        values['I'] = values['i'] = values['L'] = values['l'] = 1;
        values['O'] = values['o'] = 0;
        return values;
    }
}
