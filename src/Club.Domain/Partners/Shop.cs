namespace Club.Domain.Partners;

public enum ShopKind
{
    Salon = 0,
    Online = 1,
}

/// <summary>A salon or an online store of a partner, where sellers work and items are sold.</summary>
public sealed class Shop
{
    public int Id { get; set; }
    public int PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public required string Name { get; set; }
    public ShopKind Kind { get; set; }
    public required Address Address { get; set; }
    public string? Website { get; set; }
}
