namespace Club.Domain.Partners;

public enum ShopKind
{
    Salon = 0,
    Online = 1,
}

/// <summary>A salon or an online store of a partner, where sellers work and items are sold.</summary>
public sealed class Shop
{
    public const int MaxNameLength = 200;
    public const int MaxCityLength = 100;
    public const int MaxStreetLength = 200;
    public const int MaxPhoneLength = 40;

    public int Id { get; set; }
    public int PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public required string Name { get; set; }
    public ShopKind Kind { get; set; }
    public required Address Address { get; set; }
    public string? Website { get; set; }
    public string? Phone { get; set; }

    /// <summary>A closed shop stays for history (sales, sellers' past) but is no longer offered to sellers.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Row version (PostgreSQL xmin), for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
