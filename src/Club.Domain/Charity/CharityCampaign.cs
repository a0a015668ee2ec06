namespace Club.Domain.Charity;

/// <summary>
/// A donation campaign run by the brand: members give points to it. Its points are held by a ledger
/// account of its own (<see cref="AccountId"/>, kind Charity), so the progress is that account's balance.
/// </summary>
public sealed class CharityCampaign
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxGoal = 100_000_000;

    public int Id { get; set; }

    /// <summary>The ledger account that receives the donations.</summary>
    public Guid AccountId { get; set; }

    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public string? DescriptionRu { get; set; }
    public string? DescriptionEn { get; set; }

    /// <summary>The points the campaign hopes to collect.</summary>
    public int Goal { get; set; }

    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public bool IsOpen(DateTimeOffset now) => StartsAt <= now && now < EndsAt;
}
