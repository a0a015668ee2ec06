using System.Security.Cryptography;
using System.Text;
using Club.Application.Abstractions;
using Club.Domain.Tags;

namespace Club.Application.Features.Registration;

/// <summary>
/// Ownership transfer codes: 12 random Crockford base-32 symbols (60 bits) from the OS generator, shown
/// once to the owner as XXXX-XXXX-XXXX and stored only as their SHA-256. Typed codes are read like
/// scratch codes (any case, spaces and hyphens ignored, I and L for 1, O for 0).
/// </summary>
public static class TransferCodes
{
    public const int Length = 12;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>
    /// Wrong codes are limited as scratch codes are (<see cref="ScratchGuessLimits"/>): per account and
    /// item, per account and per network a day, counted before the code is compared.
    /// </summary>
    public static readonly RateLimitRule PerAccountAndTag = new("transfer-code-account-tag", ScratchGuessLimits.PerAccountAndTag, TimeSpan.FromDays(1));
    public static readonly RateLimitRule PerAccount = new("transfer-code-account", ScratchGuessLimits.PerAccount, TimeSpan.FromDays(1));
    public static readonly RateLimitRule PerNetwork = new("transfer-code-network", ScratchGuessLimits.PerNetwork, TimeSpan.FromDays(1));

    public static string NewCode()
    {
        Span<char> symbols = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            symbols[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(symbols);
    }

    /// <summary>The code in groups of four, as the owner reads it out or writes it on a card.</summary>
    public static string Display(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    /// <summary>The typed code in its stored form, or null when it cannot be a code (wrong length or symbols).</summary>
    public static string? Canonical(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 64)
        {
            return null;
        }

        var builder = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            var symbol = c switch
            {
                ' ' or '-' => '\0',
                'I' or 'L' => '1',
                'O' => '0',
                _ => c,
            };
            if (symbol == '\0')
            {
                continue;
            }

            if (!Alphabet.Contains(symbol, StringComparison.Ordinal))
            {
                return null;
            }

            builder.Append(symbol);
        }

        return builder.Length == Length ? builder.ToString() : null;
    }

    public static byte[] Hash(string canonical) => SHA256.HashData(Encoding.ASCII.GetBytes(canonical));
}
