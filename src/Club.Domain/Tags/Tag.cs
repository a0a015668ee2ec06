namespace Club.Domain.Tags;

/// <summary>
/// One printed tag. Its serial is not stored: it is the encrypted id, so looking a serial up is a
/// decryption and a primary-key read. The scratch code is stored only as a keyed hash.
/// </summary>
public sealed class Tag
{
    /// <summary>Failed scratch-code attempts after which the tag is locked for support.</summary>
    public const int MaxFailedAttempts = 10;

    public long Id { get; set; }
    public int BatchId { get; set; }

    /// <summary>HMAC-SHA256 of the scratch code under a key kept outside the database.</summary>
    public byte[] ScratchHash { get; set; } = [];

    public TagState State { get; set; }
    public short FailedAttempts { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }

    /// <summary>The buyer who registered the item; set once, with <see cref="RegisteredAt"/>.</summary>
    public Guid? OwnerMemberId { get; set; }

    public DateTimeOffset? RegisteredAt { get; set; }

    public bool IsLocked => FailedAttempts >= MaxFailedAttempts;
}
