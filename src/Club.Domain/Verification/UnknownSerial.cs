namespace Club.Domain.Verification;

/// <summary>
/// Scans of one serial that is no tag of ours (a made-up label, or a copied one with the serial
/// altered), kept as one row per serial instead of one per scan: how often, since when, and by how
/// many visitors (distinct per day, as the visitor hash changes daily). Raised by the scan log's writer.
/// </summary>
public sealed class UnknownSerial
{
    /// <summary>Serials longer than this are cut: a label never carries more, and a link can carry anything.</summary>
    public const int MaxLength = 32;

    public required string Serial { get; set; }

    /// <summary>The serial has our format and a right check symbol but names no tag: someone knows what our labels look like.</summary>
    public bool WellFormed { get; set; }

    public long Scans { get; set; }
    public long Visitors { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>
    /// The serial as stored: letters and digits only, upper case, at most <see cref="MaxLength"/>
    /// symbols; null when nothing is left (nothing worth counting).
    /// </summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrEmpty(typed))
        {
            return null;
        }

        var symbols = new char[MaxLength];
        var length = 0;
        foreach (var c in typed)
        {
            if (length == MaxLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                symbols[length++] = char.ToUpperInvariant(c);
            }
        }

        return length == 0 ? null : new string(symbols, 0, length);
    }
}
