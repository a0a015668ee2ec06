namespace Club.Domain.Verification;

/// <summary>A visitor's report about a tag ("this was registered by someone else"), read by program managers.</summary>
public sealed class TagReport
{
    public const int MaxMessageLength = 1000;
    public const int MaxContactLength = 200;

    public long Id { get; set; }
    public long TagId { get; set; }
    public Guid? MemberId { get; set; }
    public required string Message { get; set; }
    public string? Contact { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Resolved { get; set; }
}
