namespace Club.Domain.Mail;

/// <summary>
/// A member's mail waiting to be sent (or sent). The idempotency key is unique, so queueing the same
/// mail twice keeps one row; the delivery job renders it in the member's language when it sends, and
/// retries a failed send later with a growing delay until <see cref="MaxAttempts"/>.
/// </summary>
public sealed class OutboxMail
{
    public const int MaxKeyLength = 200;
    public const int MaxTemplateLength = 100;

    /// <summary>After this many failed sends the mail waits for a person to press "retry" on the jobs page.</summary>
    public const int MaxAttempts = 8;

    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }
    public Guid MemberId { get; set; }
    public required string Template { get; set; }

    /// <summary>The template's placeholder values (jsonb).</summary>
    public Dictionary<string, string> Values { get; set; } = [];

    public List<OutboxAttachment> Attachments { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>
    /// When the next send may start; while a sender holds the mail it is pushed ahead by a lease, so a
    /// sender that died mid-send gives the mail back. Null: given up (failed), until a retry.
    /// </summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A file sent with an outbox mail (kept in a side table as bytea).</summary>
public sealed class OutboxAttachment
{
    public long Id { get; set; }
    public long MailId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}
