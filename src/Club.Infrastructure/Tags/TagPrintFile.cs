namespace Club.Infrastructure.Tags;

/// <summary>One print file of a web-created batch, sealed (AES-GCM) under a key derived from the tag keys.</summary>
internal sealed class TagPrintFile
{
    public int BatchId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Nonce, authentication tag and ciphertext, in that order (<see cref="PrintFileSeal"/>).</summary>
    public byte[] Sealed { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
