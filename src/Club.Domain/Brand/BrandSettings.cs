namespace Club.Domain.Brand;

/// <summary>The one row that names the brand and how buyers reach it.</summary>
public sealed class BrandSettings
{
    /// <summary>There is exactly one brand per installation, so the row always has this id.</summary>
    public const int SingletonId = 1;

    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 200;
    public const int MaxPhoneLength = 40;

    public int Id { get; set; } = SingletonId;
    public required string Name { get; set; }
    public required string ClubUrl { get; set; }
    public required string SupportEmail { get; set; }
    public string? SupportPhone { get; set; }

    /// <summary>0: no logo. Bumped with every new logo and part of its URL, so browsers may cache it forever.</summary>
    public int LogoVersion { get; set; }
}

/// <summary>The brand's logo, re-encoded on upload; its own row so reading the brand's name never reads image bytes.</summary>
public sealed class BrandLogo
{
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    public int Id { get; set; } = BrandSettings.SingletonId;
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
