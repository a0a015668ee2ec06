using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Brand;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Brand;

/// <summary>The brand's logo, re-encoded by <see cref="IImageProcessor"/> to a small bounded size (transparency kept).</summary>
public sealed record SaveBrandLogoCommand(byte[] Upload) : ICommand<Result>;

public sealed class SaveBrandLogoHandler(IClubDbFactory dbFactory, IImageProcessor images, IAuditTrail audit, TimeProvider clock, BrandSnapshot snapshot)
    : ICommandHandler<SaveBrandLogoCommand, Result>
{
    public async ValueTask<Result> Handle(SaveBrandLogoCommand command, CancellationToken cancellationToken)
    {
        if (command.Upload.Length == 0)
        {
            return Result.Fail("Choose a picture file.", "logo");
        }

        if (command.Upload.Length > BrandLogo.MaxUploadBytes)
        {
            return Result.Fail(new UserMessage("The file is larger than {0} MB.", [BrandLogo.MaxUploadBytes / (1024 * 1024)]), "logo");
        }

        var processed = images.Process(command.Upload, ImageSize.Logo);
        if (processed.Image is not { } image)
        {
            return Result.Fail(processed.Error!, "logo");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var brand = await db.Brand.SingleOrDefaultAsync(b => b.Id == BrandSettings.SingletonId, cancellationToken);
        if (brand is null)
        {
            return Result.Fail("Save the brand's name and email first.", "logo");
        }

        var logo = await db.BrandLogos.SingleOrDefaultAsync(l => l.Id == BrandSettings.SingletonId, cancellationToken);
        if (logo is null)
        {
            logo = new BrandLogo { ContentType = "", Content = [] };
            db.BrandLogos.Add(logo);
        }

        logo.ContentType = image.ContentType;
        logo.Content = image.Content;
        logo.UploadedAt = clock.GetUtcNow();
        var before = new { Version = brand.LogoVersion.ToString(CultureInfo.InvariantCulture) };
        brand.LogoVersion++;
        await audit.RecordAsync(
            new AuditChange("brand.logo", "brand", "1", before, new { Version = brand.LogoVersion.ToString(CultureInfo.InvariantCulture), image.Width, image.Height }),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        snapshot.Forget();
        return Result.Ok;
    }
}
