using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// A buyer names the seller of one of their items that has no recorded sale: chosen from the list of the
/// partner's sellers (SellerId) or by the code on the seller's card (SellerCode). The sale is created as
/// confirmed by the buyer and paid at once, under the seller's daily cap; a seller who is the buyer or is
/// not active, a card of another partner's seller (grey market) and a seller named after another claim
/// was declined or expired are held for review. A seller whose claim waits as a dispute is promoted.
/// </summary>
public sealed record NameSellerCommand(Guid BuyerId, string? Serial, Guid? SellerId = null, string? SellerCode = null) : ICommand<Result>;

public sealed class NameSellerHandler(IClubDbFactory dbFactory, ITagCodes codes, SalesRules rules, TimeProvider clock) : ICommandHandler<NameSellerCommand, Result>
{
    public async ValueTask<Result> Handle(NameSellerCommand command, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            throw new NotFoundException("No such item.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One verdict on the item at a time: a seller's record, a dispute's settlement or a second tab of
        // this buyer waits, and everything read below stays true until the commit.
        await SaleClaims.LockTagAsync(db, tagId, exclusive: true, cancellationToken);
        var tag = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                where t.Id == tagId && t.OwnerMemberId == command.BuyerId && t.State == TagState.Registered
                select new { t.RegisteredAt, b.PartnerId })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such item.");
        if (tag.RegisteredAt < now.AddDays(-policy.WindowDays))
        {
            return Result.Fail("You registered this item too long ago to name its seller.");
        }

        var code = SellerCards.Normalize(command.SellerCode);
        var seller = await (
                from m in db.Members
                where m.SellerStatus == SellerStatus.Active && m.ShopId != null && m.PartnerId != null
                    && (code != null ? db.SellerCards.Any(c => c.SellerId == m.Id && c.Code == code) : m.Id == command.SellerId)
                select new { m.Id, ShopId = m.ShopId!.Value, PartnerId = m.PartnerId!.Value })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        // From the list only the partner's own sellers; a card may be any active seller's.
        if (seller is null || (code is null && seller.PartnerId != tag.PartnerId))
        {
            return Result.Fail("No active seller with this card. Check the code, or choose the seller from the list.");
        }

        await SaleClaims.ExpireStaleAsync(db, policy, now, tagId, cancellationToken);
        var cycle = await SaleClaims.CycleAsync(db, tagId, cancellationToken);
        var claims = await db.Sales.Where(s => s.TagId == tagId && s.Cycle == cycle)
            .Select(s => new { s.Id, s.SellerId, s.State, s.Points, s.PromotionId, s.PromotionPoints }).AsNoTracking().ToListAsync(cancellationToken);
        if (claims.Any(c => Sale.HoldingStates.Contains(c.State)))
        {
            return Result.Fail("The seller of this item is already recorded.");
        }

        // This seller's own claim in this cycle: a dispute is promoted (it was waiting only because another
        // claim held the item); one declined or rejected is final.
        var own = claims.FirstOrDefault(c => c.SellerId == seller.Id && c.State != SaleState.Expired);
        if (own is not null && own.State != SaleState.Disputed)
        {
            return Result.Fail("This seller's claim on this item has already been turned down.");
        }

        // A buyer naming a seller after another claim was declined or left unanswered is checked by a
        // manager first: it is the pattern of a buyer and a seller agreeing to move a sale's points.
        var (state, flag) = seller.PartnerId != tag.PartnerId
            ? (SaleState.Flagged, SaleFlag.OtherPartner)
            : await SaleConfirmations.HoldFlagAsync(db, seller.Id, command.BuyerId, cancellationToken) is { } hold
                ? (SaleState.Flagged, hold)
                : claims.Any(c => c.State is SaleState.Declined or SaleState.Expired)
                    ? (SaleState.Flagged, SaleFlag.AfterFailedClaim)
                    : (SaleState.Confirmed, SaleFlag.None);

        Sale sale;
        if (own is not null)
        {
            DateTimeOffset? confirmedAt = state == SaleState.Confirmed ? now : null;
            await SaleConfirmations.MoveAsync(db, own.Id, SaleState.Disputed, state, flag, cancellationToken,
                confirmedAt: confirmedAt, answeredAt: now, buyerId: command.BuyerId);
            sale = new Sale { Id = own.Id, SellerId = seller.Id, Points = own.Points, PromotionId = own.PromotionId, PromotionPoints = own.PromotionPoints };
        }
        else
        {
            if (await SaleClaims.OverDailyCapAsync(db, seller.Id, policy.DailyCap, now, cancellationToken))
            {
                return Result.Fail("This seller has reached today's limit of sales. Please try again tomorrow.");
            }

            var terms = await SellerSalePoints.ForTagAsync(db, tagId, seller.PartnerId, rules.DefaultPoints, now, cancellationToken);
            var claim = new SaleClaim(tagId, seller.Id, seller.ShopId, seller.PartnerId, terms, state, flag, NamedByBuyer: true, command.BuyerId, cycle);
            var saleId = await SaleClaims.InsertAsync(db, claim, now, cancellationToken);
            if (saleId is null)
            {
                return Result.Fail("The seller of this item is already recorded.");
            }

            sale = new Sale { Id = saleId.Value, SellerId = seller.Id, Points = terms.Points, PromotionId = terms.PromotionId, PromotionPoints = terms.PromotionPoints };
        }

        if (state == SaleState.Confirmed)
        {
            await SaleConfirmations.PayAsync(db, sale, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
