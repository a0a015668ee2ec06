using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Application.Observability;
using Club.Application.Validation;
using Club.Domain.Catalog;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>
/// A member orders one gift. <paramref name="OrderKey"/> comes from the confirmation form, so sending
/// the form twice (double click, retry after a timeout) places one order.
/// </summary>
public sealed record PlaceGiftOrderCommand(
    GiftViewer Viewer, int GiftId, Guid OrderKey, GiftDelivery Delivery, string? Address, int? ShopId)
    : ICommand<PlaceGiftOrderResult>;

/// <summary>The order (new or the one this key placed before), or why none was placed (an English message key).</summary>
public sealed record PlaceGiftOrderResult(UserMessage? Error, long? OrderId = null, bool Repeated = false) : IFailable<PlaceGiftOrderResult>
{
    public bool Placed => OrderId is not null;

    public static PlaceGiftOrderResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures[0].Message);
}

public sealed class PlaceGiftOrderValidator : CommandValidator<PlaceGiftOrderCommand>
{
    public PlaceGiftOrderValidator()
    {
        RuleFor(c => c.OrderKey).NotEqual(Guid.Empty).WithKey("The order form has expired: open the gift again.");
        RuleFor(c => c.Address).Must(a => a?.Trim().Length is > 0 and <= GiftOrder.MaxAddressLength)
            .When(c => c.Delivery == GiftDelivery.Post)
            .WithKey("Enter the postal address (up to {0} characters).", GiftOrder.MaxAddressLength);
    }
}

public sealed class PlaceGiftOrderHandler(IClubDbFactory dbFactory, GiftOrderMails mails, TimeProvider clock)
    : ICommandHandler<PlaceGiftOrderCommand, PlaceGiftOrderResult>
{
    public const string OrderReference = "gift-order";

    public async ValueTask<PlaceGiftOrderResult> Handle(PlaceGiftOrderCommand command, CancellationToken cancellationToken)
    {
        var result = await PlaceAsync(command, cancellationToken);
        ClubMetrics.GiftOrder(result.Placed, result.Repeated);
        return result;
    }

    private async ValueTask<PlaceGiftOrderResult> PlaceAsync(PlaceGiftOrderCommand command, CancellationToken cancellationToken)
    {
        var address = command.Address?.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var memberId = command.Viewer.MemberId;
        if (await ExistingAsync(db, memberId, command.OrderKey, cancellationToken) is { } before)
        {
            return new(null, before, Repeated: true);
        }

        var now = clock.GetUtcNow();
        var audience = await GiftVisibility.ResolveAsync(db, command.Viewer, clock.GetUtcNow(), cancellationToken);
        var gift = await db.Gifts.AsNoTracking().VisibleTo(audience, now).SingleOrDefaultAsync(g => g.Id == command.GiftId, cancellationToken);
        if (gift is null)
        {
            return new("This gift is not available any more.");
        }

        if (command.Delivery == GiftDelivery.Pickup
            && (command.ShopId is not { } shopId || !(await GetGiftHandler.PickupShopsAsync(db, gift.PartnerId, cancellationToken)).Any(s => s.Id == shopId)))
        {
            return new("Choose the shop where you will collect the gift.");
        }

        if (gift.Stock <= 0)
        {
            return new("Sorry, this gift has just run out.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The member's balance row first: a second submit of this form waits here for the first one,
        // and then finds its order instead of being told the points are gone.
        var balance = (await PointsLedger.LockBalancesAsync(db, [memberId], cancellationToken)).GetValueOrDefault(memberId);
        if (await ExistingAsync(db, memberId, command.OrderKey, cancellationToken) is { } placed)
        {
            return new(null, placed, Repeated: true);
        }

        if (balance < gift.Points)
        {
            return new("Not enough points for this gift.");
        }

        // The points keep their expiry if the order is cancelled: the oldest open lot is spent first.
        var oldestLot = await db.PointsLots.Where(l => l.MemberId == memberId && l.Remaining > 0)
            .MinAsync(l => (DateTimeOffset?)l.ExpiresAt, cancellationToken) ?? await PointsLedger.ExpiryAsync(db, now, cancellationToken);
        var (post, pickup) = (command.Delivery == GiftDelivery.Post, command.Delivery == GiftDelivery.Pickup);
        var delivery = command.Delivery.ToString();
        var placedStatus = nameof(GiftOrderStatus.Placed);
        var orderIds = await db.Database.SqlQuery<long>($"""
            INSERT INTO gift_orders (gift_id, member_id, order_key, gift_title, points, status, delivery, address, shop_id, refund_expires_at, placed_at, updated_at)
            VALUES ({gift.Id}, {memberId}, {command.OrderKey}, {gift.Title}, {gift.Points}, {placedStatus}, {delivery},
                    {(post ? address : null)}::text, {(pickup ? command.ShopId : null)}::integer, {oldestLot}, {now}, {now})
            ON CONFLICT (member_id, order_key) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (orderIds.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ExistingAsync(db, memberId, command.OrderKey, cancellationToken) is { } other
                ? new(null, other, Repeated: true)
                : new("The order could not be placed. Please try again.");
        }

        var orderId = orderIds[0];
        // The stock UPDATE gates the debit in one statement: of many members ordering the last item,
        // the row lock lets one through and the others find stock = 0 and post nothing. The price and
        // state are part of the condition, so an edit made meanwhile never charges a stale price.
        var published = nameof(GiftState.Published);
        var ledger = await PointsLedger.PostAsync(
            db,
            [new PointsPosting(memberId, -gift.Points, PointsReason.GiftOrdered, OrderReference, orderId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"gift-order:{orderId}")],
            now,
            cancellationToken,
            balanceRowsExist: true,
            guard: new LedgerGuard(
                """
                UPDATE gifts SET stock = stock - 1, updated_at = {1}
                WHERE id = {0} AND stock > 0 AND state = {2} AND points = {3}
                  AND (visible_from IS NULL OR visible_from <= {1}) AND (visible_until IS NULL OR visible_until > {1})
                RETURNING id
                """,
                [gift.Id, now, published, gift.Points]));
        if (!ledger.Guarded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new("Sorry, this gift has just run out.");
        }

        db.GiftOrderEvents.Add(new GiftOrderEvent { OrderId = orderId, Status = GiftOrderStatus.Placed, At = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await mails.SendAsync(orderId, GiftOrderStatus.Placed, cancellationToken);
        return new(null, orderId);
    }

    private static async Task<long?> ExistingAsync(IClubDb db, Guid memberId, Guid orderKey, CancellationToken cancellationToken) =>
        await db.GiftOrders.Where(o => o.MemberId == memberId && o.OrderKey == orderKey).Select(o => (long?)o.Id).SingleOrDefaultAsync(cancellationToken);
}
