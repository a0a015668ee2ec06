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

public sealed class GetBrandHandler(BrandSnapshot snapshot) : IQueryHandler<GetBrandQuery, BrandInfo?>
{
    public ValueTask<BrandInfo?> Handle(GetBrandQuery query, CancellationToken cancellationToken) =>
        snapshot.GetAsync(cancellationToken);
}

/// <summary>
/// The brand as the header of every page shows it, kept in memory for a few seconds: a query per page view
/// cost the home page more than half its throughput. Saving clears this node's copy at once; other nodes
/// see the change within <see cref="CacheFor"/>.
/// </summary>
public sealed class BrandSnapshot(IClubDbFactory dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private sealed record Entry(BrandInfo? Brand, DateTimeOffset ReadAt);

    private volatile Entry? current;

    public async ValueTask<BrandInfo?> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (current is { } entry && now - entry.ReadAt <= CacheFor)
        {
            return entry.Brand;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var brand = await db.Brand.AsNoTracking().Where(b => b.Id == BrandSettings.SingletonId)
            .Select(b => new BrandInfo(b.Name, b.SupportEmail, b.SupportPhone, b.LogoVersion))
            .SingleOrDefaultAsync(cancellationToken);
        current = new Entry(brand, now);
        return brand;
    }

    /// <summary>After a save on this node: the next page reads the new settings.</summary>
    public void Forget() => current = null;
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
