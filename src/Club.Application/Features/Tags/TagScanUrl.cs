using System.Text.RegularExpressions;

namespace Club.Application.Features.Tags;

/// <summary>What a printed tag's QR code holds: HTTPS://HOST/T/SERIAL (the seller page's script reads it the same way).</summary>
public static partial class TagScanUrl
{
    /// <summary>The serial in a code's text, upper-cased; null for any other text (not one of our tags).</summary>
    public static string? SerialIn(string? text) =>
        text is not null && Pattern().Match(text) is { Success: true } match ? match.Groups[1].Value.ToUpperInvariant() : null;

    [GeneratedRegex(@"/T/([0-9A-Za-z]{13})/?$")]
    private static partial Regex Pattern();
}
