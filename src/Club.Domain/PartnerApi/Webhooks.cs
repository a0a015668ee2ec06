namespace Club.Domain.PartnerApi;

/// <summary>The events a partner can subscribe a URL to.</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,

    /// <summary>A sale by one of the partner's sellers was confirmed (the seller's points are paid).</summary>
    SaleConfirmed = 1,

    /// <summary>A buyer registered an item whose tag was shipped to the partner.</summary>
    ItemRegistered = 2,

    /// <summary>A gift order waits for pick-up at one of the partner's shops.</summary>
    GiftOrderReady = 4,

    /// <summary>A program manager activated one of the partner's sellers.</summary>
    SellerActivated = 8,
}

/// <summary>A partner's URL that receives events, signed with its own secret (HMAC-SHA256).</summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 500;

    /// <summary>A URL that has failed for this long is paused and the partner's managers are mailed.</summary>
    public static readonly TimeSpan PauseAfter = TimeSpan.FromHours(24);

    public int Id { get; set; }
    public int PartnerId { get; set; }
    public required string Url { get; set; }
    public WebhookEvents Events { get; set; }

    /// <summary>The signing secret: shown once when the URL is added; kept to sign deliveries, never logged.</summary>
    public required string Secret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When deliveries started failing without a success since; null while the URL works.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Paused: nothing is sent until a manager resumes it (after a day of failures, or by hand).</summary>
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>Removed by a manager: kept for the delivery log, no longer sent to.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}

public enum WebhookDeliveryState
{
    Pending = 0,
    Delivered = 1,

    /// <summary>Given up after the last retry, or its URL was removed; a manager can replay it.</summary>
    Failed = 2,
}

/// <summary>
/// One event for one URL: the outbox row written in the event's own transaction and the delivery log
/// (attempts, last answer) in one.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxErrorLength = 300;
    public const int MaxAttempts = 12;

    public long Id { get; set; }
    public int EndpointId { get; set; }

    /// <summary>The event's name as sent ("sale.confirmed").</summary>
    public required string Event { get; set; }

    /// <summary>The JSON body as sent, signed as it is.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The receiver's HTTP status on the last attempt; null when it could not be reached.</summary>
    public int? LastStatus { get; set; }

    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
