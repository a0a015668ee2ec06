namespace Club.Domain.Tags;

/// <summary>
/// One printed tag. Its serial is not stored: it is the encrypted id, so looking a serial up is a
/// decryption and a primary-key read. The scratch code is stored only as a keyed hash.
/// </summary>
public sealed class Tag
{
    public long Id { get; set; }
    public int BatchId { get; set; }

    /// <summary>HMAC-SHA256 of the scratch code under a key kept outside the database.</summary>
    public byte[] ScratchHash { get; set; } = [];

    public TagState State { get; set; }

    /// <summary>Wrong scratch codes entered for the tag, by anyone; past a few each one pauses it (<see cref="ScratchGuessLimits"/>).</summary>
    public short FailedAttempts { get; set; }

    public DateTimeOffset? LastWrongCodeAt { get; set; }

    /// <summary>Until then only an account's first guess of the day is checked; null when not paused.</summary>
    public DateTimeOffset? GuessingPausedUntil { get; set; }

    public DateTimeOffset? VoidedAt { get; set; }

    /// <summary>The buyer who registered the item; set once, with <see cref="RegisteredAt"/>.</summary>
    public Guid? OwnerMemberId { get; set; }

    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>
    /// How many times the tag's page was opened, raised by the scan log's batched writer. Kept on the tag, so
    /// the scan page reads one row instead of counting a log that grows with every view.
    /// </summary>
    public long ScanCount { get; set; }
}
