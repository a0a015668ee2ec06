namespace Club.Domain.Partners;

/// <summary>A postal address; an online store keeps its legal address here.</summary>
public sealed record Address(string City, string Street, string? PostalCode = null)
{
    public override string ToString() =>
        PostalCode is null ? $"{City}, {Street}" : $"{PostalCode}, {City}, {Street}";
}
