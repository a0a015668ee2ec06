namespace Club.Domain.Activities;

/// <summary>A contest members enter while it runs; the manager picks winners. Both kinds of points are paid once.</summary>
public sealed class Contest
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;

    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int EntryPoints { get; set; }
    public int WinnerPoints { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>One member's entry; unique per contest and member.</summary>
public sealed class ContestEntry
{
    public long Id { get; set; }
    public int ContestId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public DateTimeOffset? WonAt { get; set; }
}
