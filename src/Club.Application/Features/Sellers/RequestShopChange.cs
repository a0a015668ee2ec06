using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>A seller asks to move to another shop; a program manager decides.</summary>
public sealed record RequestShopChangeCommand(Guid SellerId, int ToShopId) : ICommand<Result>;

public sealed class RequestShopChangeHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<RequestShopChangeCommand, Result>
{
    public async ValueTask<Result> Handle(RequestShopChangeCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var seller = await db.Members.Where(m => m.Id == command.SellerId && m.SellerStatus != null)
            .Select(m => new { m.ShopId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Only sellers work at shops.");
        if (!await db.Shops.AnyAsync(s => s.Id == command.ToShopId && s.IsActive && s.Partner!.IsActive, cancellationToken))
        {
            return Result.Fail("Choose your shop from the list.");
        }

        if (seller.ShopId == command.ToShopId || seller.ShopId is not { } from)
        {
            return Result.Fail("You already work at this shop.");
        }

        var (pending, now) = (nameof(ShopChangeState.Pending), clock.GetUtcNow());
        // The partial unique index keeps one open request per seller; a second one is a no-op.
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO shop_change_requests (seller_id, from_shop_id, to_shop_id, requested_at, state)
            VALUES ({command.SellerId}, {from}, {command.ToShopId}, {now}, {pending})
            ON CONFLICT (seller_id) WHERE state = 'Pending' DO NOTHING
            """, cancellationToken);
        return added == 1 ? Result.Ok : Result.Fail("You already have a request waiting for the program manager.");
    }
}
