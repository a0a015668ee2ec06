namespace Club.Domain.Partners;

/// <summary>A retail company that sells the brand's jewelry through its shops.</summary>
public sealed class Partner
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Russian taxpayer number (INN); optional because foreign partners have none.</summary>
    public string? TaxId { get; set; }

    public List<Shop> Shops { get; set; } = [];
}
