namespace Club.Domain.Partners;

/// <summary>A retail company that sells the brand's jewelry through its shops.</summary>
public sealed class Partner
{
    public const int MaxNameLength = 200;
    public const int MaxContactLength = 300;

    public int Id { get; set; }

    /// <summary>The name members and staff see (a brand name such as «Лазурит»).</summary>
    public required string Name { get; set; }

    /// <summary>The company's registered name (ООО «Лазурит»), for contracts and reports.</summary>
    public string? LegalName { get; set; }

    /// <summary>Who to call at the partner: a person, a phone, an email, as the brand writes it.</summary>
    public string? Contact { get; set; }

    /// <summary>Russian taxpayer number (INN); optional because foreign partners have none.</summary>
    public string? TaxId { get; set; }

    /// <summary>An inactive partner is kept for history but gets no new batches, sellers or shops in pick lists.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Whether the partner's own managers may activate or reject its new sellers (the brand's queue still
    /// decides too); off by default, as the brand checks sellers itself unless it trusts the partner to.
    /// </summary>
    public bool SellersActivatedByPartner { get; set; }

    /// <summary>Row version (PostgreSQL xmin): two managers editing at once do not overwrite each other.</summary>
    public uint Version { get; set; }

    public List<Shop> Shops { get; set; } = [];
}
