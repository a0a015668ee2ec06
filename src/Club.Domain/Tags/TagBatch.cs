namespace Club.Domain.Tags;

/// <summary>
/// A production run's tags: <see cref="Quantity"/> tags with the consecutive ids starting at
/// <see cref="FirstTagId"/>. The range is the batch's identity for its tags, so tag rows need no
/// index on the batch and bulk inserts stay fast.
/// </summary>
public sealed class TagBatch
{
    public const int MaxQuantity = 1_000_000;
    public const int MaxNoteLength = 500;

    public int Id { get; set; }
    public int ProductId { get; set; }
    public int Quantity { get; set; }
    public long FirstTagId { get; set; }

    /// <summary>The partner the batch is meant for; known at creation or when shipped.</summary>
    public int? PartnerId { get; set; }

    public required string TemplateName { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public TagBatchState State { get; set; }
    public DateTimeOffset? PrintedAt { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public string? Note { get; set; }

    /// <summary>
    /// The latest print proof (scans of printed sheets checked by the server): when, labels read, labels
    /// that could not be read. Only the counts are kept, never the pictures.
    /// </summary>
    public DateTimeOffset? ProofCheckedAt { get; set; }

    public int? ProofLabelsRead { get; set; }
    public int? ProofUnreadable { get; set; }

    public long LastTagId => FirstTagId + Quantity - 1;

    public string Number => FormatNumber(Id);

    public static string FormatNumber(int id) => $"B{id:000000}";

    public bool Contains(long tagId) => tagId >= FirstTagId && tagId <= LastTagId;

    /// <summary>
    /// Moves the batch on. Returns an English message key when the move is not allowed, null when done.
    /// Batches only move forward (Generated, Printed, Shipped, Active); voiding is possible from any
    /// state but Voided, and is final.
    /// </summary>
    public string? MoveTo(TagBatchState target, DateTimeOffset now, int? partnerId = null, string? note = null)
    {
        if (State == TagBatchState.Voided)
        {
            return "This batch is void; it cannot change any more.";
        }

        var allowed = target switch
        {
            TagBatchState.Printed => State == TagBatchState.Generated,
            TagBatchState.Shipped => State == TagBatchState.Printed,
            TagBatchState.Active => State == TagBatchState.Shipped,
            TagBatchState.Voided => true,
            _ => false,
        };
        if (!allowed)
        {
            return "This change is not possible in the batch's current state.";
        }

        if (target == TagBatchState.Shipped)
        {
            PartnerId = partnerId ?? PartnerId;
            if (PartnerId is null)
            {
                return "Choose the partner the batch is shipped to.";
            }
        }

        State = target;
        Note = string.IsNullOrWhiteSpace(note) ? Note : note.Trim()[..Math.Min(note.Trim().Length, MaxNoteLength)];
        switch (target)
        {
            case TagBatchState.Printed: PrintedAt = now; break;
            case TagBatchState.Shipped: ShippedAt = now; break;
            case TagBatchState.Active: ActivatedAt = now; break;
            case TagBatchState.Voided: VoidedAt = now; break;
        }

        return null;
    }
}
