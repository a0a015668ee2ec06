namespace Club.Domain.Tags;

public enum ItemLossKind : short
{
    Lost = 0,
    Stolen = 1,
}

/// <summary>
/// An owner's report that their item is lost or stolen. While it is open (not cleared) the scan page
/// warns whoever scans the item, and every scan raises an alert for the brand. One open report per item.
/// </summary>
public sealed class ItemLoss
{
    public const int MaxPoliceReportLength = 100;

    public long Id { get; set; }
    public long TagId { get; set; }

    /// <summary>The owner who reported it.</summary>
    public Guid MemberId { get; set; }

    public ItemLossKind Kind { get; set; }
    public DateOnly LostOn { get; set; }

    /// <summary>The police report's number, when there is one.</summary>
    public string? PoliceReport { get; set; }

    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>When the owner said the item is found again; null while the report stands.</summary>
    public DateTimeOffset? ClearedAt { get; set; }
}
