using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Products;

/// <summary>
/// Adds a photo to a product: decoded and re-encoded by <see cref="IImageProcessor"/> (bounded size,
/// thumbnail, no EXIF/GPS), at most <see cref="Product.MaxPhotos"/> per product. The first photo
/// becomes the one the scan page and certificates show.
/// </summary>
public sealed record AddProductPhotoCommand(int ProductId, byte[] Upload) : ICommand<Result>;

/// <summary>Removes a photo; with <see cref="MakeMain"/> instead, makes it the product's main photo.</summary>
public sealed record ChangeProductPhotoCommand(int ProductId, int PhotoId, bool MakeMain) : ICommand<Result>;

public sealed class ProductPhotoHandler(IClubDbFactory dbFactory, IImageProcessor images, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<AddProductPhotoCommand, Result>, ICommandHandler<ChangeProductPhotoCommand, Result>
{
    public async ValueTask<Result> Handle(AddProductPhotoCommand command, CancellationToken cancellationToken)
    {
        if (command.Upload.Length == 0)
        {
            return Result.Fail("Choose a photo file.", "photo");
        }

        if (command.Upload.Length > ProductPhoto.MaxUploadBytes)
        {
            return Result.Fail(new UserMessage("The photo is larger than {0} MB.", [ProductPhoto.MaxUploadBytes / (1024 * 1024)]), "photo");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Products.AnyAsync(p => p.Id == command.ProductId, cancellationToken))
        {
            throw new NotFoundException("No such product.");
        }

        if (await IsFullAsync(db, command.ProductId, cancellationToken))
        {
            return Full;
        }

        // Decoded before the transaction: the product's row stays locked only for the count and the insert.
        var processed = images.Process(command.Upload, ImageSize.ProductPhoto);
        if (processed.Image is not { } image)
        {
            return Result.Fail(processed.Error!, "photo");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Parallel uploads to one product queue on its row, so the count below sees every photo committed
        // before ours and the product never gets a ninth.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM products WHERE id = {command.ProductId} FOR UPDATE", cancellationToken);
        if (await IsFullAsync(db, command.ProductId, cancellationToken))
        {
            return Full;
        }

        await audit.RecordAsync(
            new AuditChange("product.photo-add", "product", command.ProductId.ToString(CultureInfo.InvariantCulture), null,
                new { image.ContentType, image.Width, image.Height, Bytes = image.Content.Length }),
            cancellationToken);
        var last = await db.ProductPhotos.Where(p => p.ProductId == command.ProductId).MaxAsync(p => (int?)p.Position, cancellationToken);
        db.ProductPhotos.Add(new ProductPhoto
        {
            ProductId = command.ProductId,
            Position = (last ?? -1) + 1,
            ContentType = image.ContentType,
            Content = image.Content,
            Thumbnail = image.Thumbnail,
            Width = image.Width,
            Height = image.Height,
            UploadedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await PointAtMainPhotoAsync(db, command.ProductId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    private static Result Full => Result.Fail(new UserMessage("A product has at most {0} photos. Remove one first.", [Product.MaxPhotos]), "photo");

    private static async Task<bool> IsFullAsync(IClubDb db, int productId, CancellationToken cancellationToken) =>
        await db.ProductPhotos.CountAsync(p => p.ProductId == productId, cancellationToken) >= Product.MaxPhotos;

    public async ValueTask<Result> Handle(ChangeProductPhotoCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var photos = await db.ProductPhotos.Where(p => p.ProductId == command.ProductId).OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var photo = photos.SingleOrDefault(p => p.Id == command.PhotoId) ?? throw new NotFoundException("No such photo.");
        photos.Remove(photo);
        if (command.MakeMain)
        {
            photos.Insert(0, photo);
        }
        else
        {
            db.ProductPhotos.Remove(photo);
        }

        await audit.RecordAsync(
            new AuditChange(command.MakeMain ? "product.photo-main" : "product.photo-remove", "product", command.ProductId.ToString(CultureInfo.InvariantCulture),
                new { PhotoId = photo.Id, photo.Position }, command.MakeMain ? new { PhotoId = photo.Id, Position = 0 } : null),
            cancellationToken);
        for (var i = 0; i < photos.Count; i++)
        {
            photos[i].Position = i;
        }

        await db.SaveChangesAsync(cancellationToken);
        await PointAtMainPhotoAsync(db, command.ProductId, cancellationToken);
        return Result.Ok;
    }

    /// <summary>The product's PhotoUrl follows its first photo, or falls back to the drawing when it has none.</summary>
    private static async Task PointAtMainPhotoAsync(IClubDb db, int productId, CancellationToken cancellationToken)
    {
        var main = await db.ProductPhotos.Where(p => p.ProductId == productId).OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        var product = await db.Products.SingleAsync(p => p.Id == productId, cancellationToken);
        product.PhotoUrl = main is { } id ? ProductPhoto.Url(id) : Product.DrawingUrl(product.Sku);
        await db.SaveChangesAsync(cancellationToken);
    }
}
