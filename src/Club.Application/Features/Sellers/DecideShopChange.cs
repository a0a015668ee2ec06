using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// A program manager approves (the seller now works at the new shop and its partner) or rejects a
/// shop change. Conditional on the request still being open, so a double click decides once.
/// </summary>
public sealed record DecideShopChangeCommand(long RequestId, bool Approve, Guid ManagerId) : ICommand<Result>;

public sealed class DecideShopChangeHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<DecideShopChangeCommand, Result>
{
    public async ValueTask<Result> Handle(DecideShopChangeCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var request = await db.ShopChangeRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
            ?? throw new NotFoundException("No such request.");
        // The shop may have closed since the seller asked: approving would move them into a closed shop.
        if (command.Approve && !await db.Shops.AnyAsync(s => s.Id == request.ToShopId && s.IsActive, cancellationToken))
        {
            return Result.Fail("The requested shop has been closed since; reject the request.");
        }

        var (target, pending, now) = (command.Approve ? nameof(ShopChangeState.Approved) : nameof(ShopChangeState.Rejected), nameof(ShopChangeState.Pending), clock.GetUtcNow());

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var decided = await db.Database.ExecuteSqlAsync(
            $"UPDATE shop_change_requests SET state = {target}, decided_by = {command.ManagerId}, decided_at = {now} WHERE id = {request.Id} AND state = {pending}",
            cancellationToken);
        if (decided == 0)
        {
            return Result.Fail("This request has already been decided.");
        }

        if (command.Approve)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE members SET shop_id = s.id, partner_id = s.partner_id FROM shops s WHERE s.id = {request.ToShopId} AND members.id = {request.SellerId}",
                cancellationToken);
        }

        await audit.RecordAsync(
            new AuditChange("seller.shop-change", "shop-change-request", request.Id.ToString(CultureInfo.InvariantCulture),
                new { State = pending, ShopId = request.FromShopId },
                new { State = target, ShopId = command.Approve ? request.ToShopId : request.FromShopId, RequestedShopId = request.ToShopId }, request.SellerId),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
