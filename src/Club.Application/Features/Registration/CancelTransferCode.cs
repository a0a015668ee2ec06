using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>The owner changed their mind: the item's open transfer code stops working.</summary>
public sealed record CancelTransferCodeCommand(Guid MemberId, string? Serial) : ICommand<Result>;

public sealed class CancelTransferCodeHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock) : ICommandHandler<CancelTransferCodeCommand, Result>
{
    public async ValueTask<Result> Handle(CancelTransferCodeCommand command, CancellationToken cancellationToken)
    {
        if (await MyItemLookup.OwnedTagAsync(dbFactory, codes, command.MemberId, command.Serial, cancellationToken) is not { } tagId)
        {
            return Result.Fail("No such item.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE item_transfer_codes SET cancelled_at = {now} WHERE tag_id = {tagId} AND cancelled_at IS NULL AND used_at IS NULL
            """, cancellationToken);
        return Result.Ok;
    }
}
