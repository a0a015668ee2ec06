using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// The owner creates a one-time code to hand their item over (a gift, a resale). A new code cancels
/// the item's previous open one. Not for an item reported lost or stolen.
/// </summary>
public sealed record CreateTransferCodeCommand(Guid MemberId, string? Serial) : ICommand<TransferCodeResult>;

/// <summary><paramref name="Code"/> is shown once, now; only its hash is kept.</summary>
public sealed record TransferCodeResult(string? Error, string? Code = null, DateTimeOffset? ExpiresAt = null)
{
    public bool Succeeded => Error is null;
}

public sealed class CreateTransferCodeHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock)
    : ICommandHandler<CreateTransferCodeCommand, TransferCodeResult>
{
    public async ValueTask<TransferCodeResult> Handle(CreateTransferCodeCommand command, CancellationToken cancellationToken)
    {
        if (await MyItemLookup.OwnedTagAsync(dbFactory, codes, command.MemberId, command.Serial, cancellationToken) is not { } tagId)
        {
            return new("No such item.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await db.ItemLosses.AnyAsync(l => l.TagId == tagId && l.ClearedAt == null, cancellationToken))
        {
            return new("The item is reported lost or stolen. Clear the report first if you have it back.");
        }

        var now = clock.GetUtcNow();
        var code = TransferCodes.NewCode();
        var expiresAt = now + ItemTransferCode.Lifetime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE item_transfer_codes SET cancelled_at = {now} WHERE tag_id = {tagId} AND cancelled_at IS NULL AND used_at IS NULL
            """, cancellationToken);
        db.ItemTransferCodes.Add(new ItemTransferCode
        {
            TagId = tagId, FromMemberId = command.MemberId, CodeHash = TransferCodes.Hash(code), CreatedAt = now, ExpiresAt = expiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(null, TransferCodes.Display(code), expiresAt);
    }
}
