namespace Club.Domain.Privacy;

/// <summary>
/// A member's request to delete their account: made in the cabinet (password typed again) or recorded by
/// staff from a letter. Cancellable (the row is removed) until <see cref="DueAt"/>; then the AccountErasure
/// job erases or anonymises the member's personal data and sets <see cref="ErasedAt"/>, and the row stays
/// as the record that the account was erased.
/// </summary>
public sealed class AccountDeletion
{
    public Guid MemberId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }

    /// <summary><see cref="ConsentSources.Cabinet"/> or <see cref="ConsentSources.Staff"/>.</summary>
    public required string Source { get; set; }

    /// <summary>The member of staff who recorded a request received by mail.</summary>
    public Guid? RecordedBy { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }
}
