namespace Club.Domain.Catalog;

/// <summary>Where a gift is in its life: only published gifts are shown to members and can be ordered.</summary>
public enum GiftState
{
    Draft = 0,
    Published = 1,
    Archived = 2,
}

/// <summary>Who may see and order a gift.</summary>
public enum GiftAudience
{
    Everyone = 0,
    Buyers = 1,
    Sellers = 2,

    /// <summary>Exclusive: only holders of the hidden Collector status who have opened its benefits.</summary>
    Collectors = 3,
}

/// <summary>
/// A piece of jewelry in the brand's gift catalog, bought with points. Stock is only ever changed by
/// conditional set-based UPDATEs (order, cancel, manager edit), so concurrent orders cannot oversell.
/// </summary>
public sealed class Gift
{
    public const int MaxTitleLength = 120;
    public const int MaxDescriptionLength = 2000;
    public const int MaxCollectionLength = 100;
    public const int MaxPoints = 1_000_000;
    public const int MaxStock = 100_000;

    public int Id { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The brand collection the jewelry belongs to; members filter by it.</summary>
    public string Collection { get; set; } = "";

    /// <summary>Price in points.</summary>
    public int Points { get; set; }

    /// <summary>Items left to order; never negative (check constraint).</summary>
    public int Stock { get; set; }

    public GiftAudience Audience { get; set; }

    /// <summary>When set, only members of this partner (its sellers and staff) see and order the gift.</summary>
    public int? PartnerId { get; set; }

    public DateTimeOffset? VisibleFrom { get; set; }
    public DateTimeOffset? VisibleUntil { get; set; }
    public GiftState State { get; set; }

    /// <summary>Bumped with every new photo: part of the photo's URL, so browsers may cache a photo forever.</summary>
    public int PhotoVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A gift's photo, in its own table so that listing gifts never reads image bytes. Kept in PostgreSQL
/// rather than in the app data folder because several web nodes serve the site and the database is
/// their only shared store (and its backup then covers the photos).
/// </summary>
public sealed class GiftPhoto
{
    /// <summary>Upload limit: a phone photo resized by the manager's device fits easily.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public int GiftId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
