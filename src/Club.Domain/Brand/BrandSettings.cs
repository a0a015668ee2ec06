namespace Club.Domain.Brand;

/// <summary>The one row that names the brand and how buyers reach it.</summary>
public sealed class BrandSettings
{
    /// <summary>There is exactly one brand per installation, so the row always has this id.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string Name { get; set; }
    public required string ClubUrl { get; set; }
    public required string SupportEmail { get; set; }
    public string? SupportPhone { get; set; }
}
