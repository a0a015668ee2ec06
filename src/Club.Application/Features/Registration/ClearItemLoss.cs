using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>The owner has the item back: the warning on the scan page ends.</summary>
public sealed record ClearItemLossCommand(Guid MemberId, string? Serial) : ICommand<Result>;

public sealed class ClearItemLossHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock) : ICommandHandler<ClearItemLossCommand, Result>
{
    public async ValueTask<Result> Handle(ClearItemLossCommand command, CancellationToken cancellationToken)
    {
        if (await MyItemLookup.OwnedTagAsync(dbFactory, codes, command.MemberId, command.Serial, cancellationToken) is not { } tagId)
        {
            return Result.Fail("No such item.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"UPDATE item_losses SET cleared_at = {now} WHERE tag_id = {tagId} AND cleared_at IS NULL", cancellationToken);
        return Result.Ok;
    }
}
