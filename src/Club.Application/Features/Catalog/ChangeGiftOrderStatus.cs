using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Audit;
using Club.Application.Features.Partners;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Catalog;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>
/// Moves orders to a status: a manager's bulk change on the order desk, or a member cancelling their own
/// order (<paramref name="MemberId"/> set: only their orders, only cancelling, only before confirmation).
/// Each order changes in its own transaction, so one bad order does not hold back the rest.
/// <paramref name="Tracking"/> gives each shipped order its tracking number. <paramref name="PartnerManagerId"/>
/// set: a partner manager hands over orders waiting at their own partner's shops (only to Delivered).
/// </summary>
public sealed record ChangeGiftOrderStatusCommand(
    IReadOnlyList<long> OrderIds, GiftOrderStatus To, string By,
    IReadOnlyDictionary<long, string>? Tracking = null, Guid? MemberId = null, Guid? PartnerManagerId = null) : ICommand<GiftOrderChanges>;

/// <summary>How many orders moved, and for the others why not (English message keys).</summary>
public sealed record GiftOrderChanges(int Changed, IReadOnlyList<GiftOrderChangeError> Errors);

public sealed record GiftOrderChangeError(long OrderId, UserMessage Message);

public sealed class ChangeGiftOrderStatusHandler(IClubDbFactory dbFactory, GiftOrderMails mails, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<ChangeGiftOrderStatusCommand, GiftOrderChanges>
{
    /// <summary>A refund never comes back with less than this long to live, whatever the spent points' expiry was.</summary>
    public const int MinRefundLifetimeDays = 30;

    public async ValueTask<GiftOrderChanges> Handle(ChangeGiftOrderStatusCommand command, CancellationToken cancellationToken)
    {
        var errors = new List<GiftOrderChangeError>();
        var changed = 0;
        foreach (var orderId in command.OrderIds.Distinct().Take(500))
        {
            var error = await ChangeAsync(orderId, command, cancellationToken);
            if (error is null)
            {
                changed++;
                await mails.SendAsync(orderId, command.To, cancellationToken);
            }
            else
            {
                errors.Add(new GiftOrderChangeError(orderId, error));
            }
        }

        return new GiftOrderChanges(changed, errors);
    }

    private async Task<UserMessage?> ChangeAsync(long orderId, ChangeGiftOrderStatusCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await db.GiftOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null || (command.MemberId is { } member && order.MemberId != member))
        {
            return "No such order.";
        }

        if (command.PartnerManagerId is { } manager)
        {
            // Another partner's order gets the same answer as one that does not exist.
            var partner = await ManagedPartner.OfAsync(db, manager, cancellationToken);
            if (order.ShopId is not { } shop || !await db.Shops.AnyAsync(s => s.Id == shop && s.PartnerId == partner.Id, cancellationToken))
            {
                return "No such order.";
            }

            if (command.To != GiftOrderStatus.Delivered)
            {
                return "A shop only marks orders waiting there as handed over.";
            }
        }

        if (command.MemberId is not null && (command.To != GiftOrderStatus.Cancelled || order.Status != GiftOrderStatus.Placed))
        {
            return "The order has been confirmed already; ask the program manager to cancel it.";
        }

        if (!GiftOrder.Next(order.Status, order.Delivery).Contains(command.To))
        {
            return "The order cannot move to this status from its current one.";
        }

        var tracking = command.Tracking?.GetValueOrDefault(orderId)?.Trim();
        if (command.To == GiftOrderStatus.Shipped && (string.IsNullOrEmpty(tracking) || tracking.Length > GiftOrder.MaxTrackingLength))
        {
            return new UserMessage("Enter the tracking number of the parcel (up to {0} characters).", [GiftOrder.MaxTrackingLength]);
        }

        var now = clock.GetUtcNow();
        var refund = GiftOrder.Refunds(command.To);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (refund)
        {
            // Balance row before the gift row, in the same order as placing an order takes them.
            await PointsLedger.LockBalancesAsync(db, [order.MemberId], cancellationToken);
        }

        var (from, to) = (order.Status.ToString(), command.To.ToString());
        // Conditional on the status read: of two managers (or a manager and the member) one change counts.
        var moved = await db.Database.ExecuteSqlAsync($"""
            UPDATE gift_orders SET status = {to}, tracking_number = coalesce({tracking}::text, tracking_number), updated_at = {now}
            WHERE id = {orderId} AND status = {from}
            """, cancellationToken);
        if (moved == 0)
        {
            return "Someone else changed this order meanwhile; look at it again.";
        }

        db.GiftOrderEvents.Add(new GiftOrderEvent { OrderId = orderId, Status = command.To, At = now, By = command.By, Note = tracking });
        await db.SaveChangesAsync(cancellationToken);
        if (refund)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE gifts SET stock = stock + 1, updated_at = {now} WHERE id = {order.GiftId}", cancellationToken);
            // A new credit, never an edit of the debit. The points keep the expiry of the oldest lot the
            // order spent (cancelling must not renew expiring points), but get at least 30 days, so a
            // rejection by the brand never hands back points that are already gone.
            var expires = order.RefundExpiresAt > now.AddDays(MinRefundLifetimeDays) ? order.RefundExpiresAt : now.AddDays(MinRefundLifetimeDays);
            await PointsLedger.PostAsync(db,
                [new PointsPosting(order.MemberId, order.Points, PointsReason.GiftRefunded, PlaceGiftOrderHandler.OrderReference,
                    orderId.ToString(CultureInfo.InvariantCulture), $"gift-order:{orderId}:refund", expires)],
                now, cancellationToken, balanceRowsExist: true);
        }

        if (command.To == GiftOrderStatus.ReadyForPickup)
        {
            await PartnerEvents.GiftOrderReadyAsync(db, orderId, now, cancellationToken);
        }

        // Staff changes only: a member cancelling their own order is not a back-office action.
        if (command.MemberId is null)
        {
            await audit.RecordAsync(
                new AuditChange("gift-order.status", "gift-order", orderId.ToString(CultureInfo.InvariantCulture),
                    new { Status = from }, new { Status = to, Tracking = tracking }, order.MemberId),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
