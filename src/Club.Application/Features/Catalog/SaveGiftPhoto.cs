using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Catalog;
using Club.Domain.Media;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>A manager's photo for a gift: JPEG, PNG or WebP, recognised by its first bytes, at most 2 MB.</summary>
public sealed record SaveGiftPhotoCommand(int GiftId, byte[] Content) : ICommand<Result>;

public sealed class SaveGiftPhotoValidator : CommandValidator<SaveGiftPhotoCommand>
{
    public SaveGiftPhotoValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithKey("Choose a photo file.")
            .Must(c => c.Length <= GiftPhoto.MaxBytes).WithKey("The photo is larger than {0} MB.", GiftPhoto.MaxBytes / (1024 * 1024))
            // The file's own bytes decide, never its name or the browser's claim: anything else is refused.
            .Must(c => FileSignature.Picture(c) is not null).WithKey("This is not a JPEG, PNG or WebP picture.");
    }
}

public sealed class SaveGiftPhotoHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SaveGiftPhotoCommand, Result>
{
    public async ValueTask<Result> Handle(SaveGiftPhotoCommand command, CancellationToken cancellationToken)
    {
        var contentType = FileSignature.Picture(command.Content) ?? throw new ArgumentException("Not a picture: the validator passes only pictures.", nameof(command));

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var versions = await db.Database.SqlQuery<int>(
            $"UPDATE gifts SET photo_version = photo_version + 1, updated_at = {now} WHERE id = {command.GiftId} RETURNING photo_version AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            throw new NotFoundException("No such gift.");
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO gift_photos (gift_id, content_type, content, uploaded_at) VALUES ({command.GiftId}, {contentType}, {command.Content}, {now})
            ON CONFLICT (gift_id) DO UPDATE SET content_type = excluded.content_type, content = excluded.content, uploaded_at = excluded.uploaded_at
            """, cancellationToken);
        await audit.RecordAsync(new AuditChange("gift.photo", "gift", command.GiftId.ToString(CultureInfo.InvariantCulture),
            new { PhotoVersion = versions[0] - 1 }, new { PhotoVersion = versions[0], ContentType = contentType, Bytes = command.Content.Length }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
