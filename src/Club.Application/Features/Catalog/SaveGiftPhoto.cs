using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Club.Domain.Media;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>A manager's photo for a gift: JPEG, PNG or WebP, recognised by its first bytes, at most 2 MB.</summary>
public sealed record SaveGiftPhotoCommand(int GiftId, byte[] Content) : ICommand<Result>;

public sealed class SaveGiftPhotoHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<SaveGiftPhotoCommand, Result>
{
    public async ValueTask<Result> Handle(SaveGiftPhotoCommand command, CancellationToken cancellationToken)
    {
        if (command.Content.Length == 0)
        {
            return Result.Fail("Choose a photo file.");
        }

        if (command.Content.Length > GiftPhoto.MaxBytes)
        {
            return Result.Fail("The photo is larger than 2 MB.");
        }

        // The file's own bytes decide, never its name or the browser's claim: anything else is refused.
        if (FileSignature.Picture(command.Content) is not { } contentType)
        {
            return Result.Fail("This is not a JPEG, PNG or WebP picture.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var bumped = await db.Database.ExecuteSqlAsync(
            $"UPDATE gifts SET photo_version = photo_version + 1, updated_at = {now} WHERE id = {command.GiftId}", cancellationToken);
        if (bumped == 0)
        {
            throw new NotFoundException("No such gift.");
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO gift_photos (gift_id, content_type, content, uploaded_at) VALUES ({command.GiftId}, {contentType}, {command.Content}, {now})
            ON CONFLICT (gift_id) DO UPDATE SET content_type = excluded.content_type, content = excluded.content, uploaded_at = excluded.uploaded_at
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
