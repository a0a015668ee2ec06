namespace Club.Domain.News;

/// <summary>Who a news item is for; stored by name, so never rename a member.</summary>
public enum NewsAudience
{
    /// <summary>Every buyer.</summary>
    Buyers = 0,

    /// <summary>Every active seller.</summary>
    Sellers = 1,

    /// <summary>Buyers who own an item shipped to one partner (<see cref="NewsItem.PartnerId"/>).</summary>
    PartnerBuyers = 2,

    /// <summary>Members holding a public tier (<see cref="NewsItem.TierLevel"/>) or a higher one.</summary>
    Tier = 3,

    /// <summary>Members holding the hidden Collector status now.</summary>
    CollectorHolders = 4,
}

/// <summary>A piece of news or an offer a program manager publishes: shown in the audience's cabinet and mailed once to those who agreed to marketing mail.</summary>
public sealed class NewsItem
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 4000;

    public int Id { get; set; }
    public required string TitleRu { get; set; }
    public required string TitleEn { get; set; }
    public required string BodyRu { get; set; }
    public required string BodyEn { get; set; }
    public NewsAudience Audience { get; set; }
    public int? PartnerId { get; set; }

    /// <summary>The lowest tier level of a <see cref="NewsAudience.Tier"/> audience.</summary>
    public int? TierLevel { get; set; }

    /// <summary>The picture, re-encoded like product photos (bounded size, no EXIF); null without one.</summary>
    public string? PictureType { get; set; }
    public byte[]? Picture { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>When the mail job queued its mails (once per item and member, under the mail's key).</summary>
    public DateTimeOffset? MailedAt { get; set; }
}
