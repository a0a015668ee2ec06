using System.Security.Cryptography;
using Club.Domain.Sales;

namespace Club.Application.Features.Sales;

/// <summary>The seller card codes: random Crockford Base32 (no I, L, O, U), read back whatever the case, spaces or hyphens.</summary>
public static class SellerCards
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The path a card's QR code opens.</summary>
    public static string PathOf(string code) => $"/S/{code}";

    public static string NewCode() =>
        string.Create(SellerCard.CodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>The code in its stored form, or null when it cannot be one.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var clean = new string(code.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return clean.Length == SellerCard.CodeLength && clean.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? clean : null;
    }
}
