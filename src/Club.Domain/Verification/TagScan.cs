namespace Club.Domain.Verification;

/// <summary>
/// One opening of a scan page. The visitor is kept only as a keyed hash of address and browser under a
/// salt that changes daily: repeated scans by one phone can be told apart from many phones within a
/// day, and nobody can be followed across days.
/// </summary>
public sealed class TagScan
{
    public long Id { get; set; }

    /// <summary>Null when the serial decodes to no tag (a made-up or copied-and-altered serial).</summary>
    public long? TagId { get; set; }

    public DateTimeOffset ScannedAt { get; set; }
    public byte[] ClientHash { get; set; } = [];
    public Guid? MemberId { get; set; }

    /// <summary>What the page said; null for views logged before verdicts were kept.</summary>
    public Verdict? Verdict { get; set; }

    /// <summary>
    /// The serial as typed (<see cref="UnknownSerial.Normalise"/>) when it names no tag; null for tags'
    /// scans (their id says it). Counted per serial in <see cref="UnknownSerial"/>.
    /// </summary>
    public string? UnknownSerial { get; set; }

    /// <summary>Not stored with the scan: whether the unknown serial had our format (see <see cref="Verification.UnknownSerial.WellFormed"/>).</summary>
    public bool WellFormed { get; set; }
}
