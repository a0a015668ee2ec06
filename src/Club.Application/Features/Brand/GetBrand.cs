using Club.Application.Abstractions;
using Club.Domain.Brand;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Brand;

/// <summary>The brand's name, contacts and logo version; null on a fresh installation that has not set them yet.</summary>
public sealed record GetBrandQuery : IQuery<BrandInfo?>;

public sealed record BrandInfo(string Name, string SupportEmail, string? SupportPhone, int LogoVersion)
{
    public string? LogoUrl => LogoVersion == 0 ? null : $"/media/brand-logo/{LogoVersion}";
}

public sealed class GetBrandHandler(IClubDbFactory dbFactory) : IQueryHandler<GetBrandQuery, BrandInfo?>
{
    public async ValueTask<BrandInfo?> Handle(GetBrandQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Brand.AsNoTracking().Where(b => b.Id == BrandSettings.SingletonId)
            .Select(b => new BrandInfo(b.Name, b.SupportEmail, b.SupportPhone, b.LogoVersion))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>The logo's bytes (public: it is in every page's header).</summary>
public sealed record GetBrandLogoQuery : IQuery<BrandLogoFile?>;

public sealed record BrandLogoFile(string ContentType, byte[] Content, DateTimeOffset UploadedAt);

public sealed class GetBrandLogoHandler(IClubDbFactory dbFactory) : IQueryHandler<GetBrandLogoQuery, BrandLogoFile?>
{
    public async ValueTask<BrandLogoFile?> Handle(GetBrandLogoQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.BrandLogos.AsNoTracking().Where(l => l.Id == BrandSettings.SingletonId)
            .Select(l => new BrandLogoFile(l.ContentType, l.Content, l.UploadedAt)).SingleOrDefaultAsync(cancellationToken);
    }
}
