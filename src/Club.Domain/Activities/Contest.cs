namespace Club.Domain.Activities;

/// <summary>What a member hands in to enter a contest.</summary>
public enum ContestEntryKind
{
    /// <summary>Taking part is the entry: one click.</summary>
    Join = 0,

    /// <summary>A text the member writes (a story, an answer).</summary>
    Text = 1,

    /// <summary>A photo, re-encoded like product photos.</summary>
    Photo = 2,

    /// <summary>A seller's confirmed sales between the contest's start and end: the score is computed, not typed.</summary>
    Sales = 3,
}

/// <summary>How the winners are chosen.</summary>
public enum ContestSelection
{
    /// <summary>A program manager picks each winner.</summary>
    Staff = 0,

    /// <summary>
    /// A random draw anyone can check: the seed's SHA-256 is published when the contest is created, the seed
    /// after the draw, and the winners follow from the seed and the published entries (<see cref="ContestDraw"/>).
    /// </summary>
    Draw = 1,
}

/// <summary>A contest members enter while it runs; the manager picks winners or draws them. Both kinds of points are paid once.</summary>
public sealed class Contest
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxPrizeLength = 300;
    public const int MaxWinners = 100;

    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int EntryPoints { get; set; }
    public int WinnerPoints { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    public ContestEntryKind EntryKind { get; set; }
    public ContestSelection Selection { get; set; }

    /// <summary>Only this partner's sellers see and enter the contest; null: every member.</summary>
    public int? PartnerId { get; set; }

    /// <summary>How many winners a draw picks.</summary>
    public int WinnerCount { get; set; } = 1;

    /// <summary>A gift handed to each winner besides (or instead of) the winner points, as the winners' mail and page say it.</summary>
    public string? Prize { get; set; }

    /// <summary>For a draw: the seed (64 hex digits), fixed at creation and shown only once <see cref="DrawnAt"/> is set.</summary>
    public string? Seed { get; set; }

    /// <summary>SHA-256 of the seed's 32 bytes (64 hex digits), published from the start; the database refuses any change of either.</summary>
    public string? SeedHash { get; set; }

    public DateTimeOffset? DrawnAt { get; set; }
}

/// <summary>One member's entry; unique per contest and member. Its id is the number the entries list publishes.</summary>
public sealed class ContestEntry
{
    public const int MaxTextLength = 2000;
    public const int MaxPhotoBytes = 10 * 1024 * 1024;

    public long Id { get; set; }
    public int ContestId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public DateTimeOffset? WonAt { get; set; }
    public string? Text { get; set; }
    public string? PhotoContentType { get; set; }
    public byte[]? Photo { get; set; }
}
