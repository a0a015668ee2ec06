namespace Club.Domain.Tags;

/// <summary>
/// A one-time code an owner creates to hand their item over: the new owner enters it on the item's scan
/// page. Only the code's SHA-256 is stored (the code is random, 50 bits, so a hash without a key is
/// enough: there is nothing to guess from it). One open code per item; a new one cancels the old.
/// </summary>
public sealed class ItemTransferCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public long Id { get; set; }
    public long TagId { get; set; }
    public Guid FromMemberId { get; set; }
    public required byte[] CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public Guid? UsedBy { get; set; }

    public bool IsOpen(DateTimeOffset now) => CancelledAt is null && UsedAt is null && ExpiresAt > now;
}
