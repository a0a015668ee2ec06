namespace Club.Domain.Verification;

/// <summary>
/// How many times a tag's page was opened, kept beside the scan log so the page reads one row instead of
/// counting a log that grows with every view. Raised by the scan log's batched writer.
/// </summary>
public sealed class TagScanCount
{
    public long TagId { get; set; }
    public long Scans { get; set; }
}
