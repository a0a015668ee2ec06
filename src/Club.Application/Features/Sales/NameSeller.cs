using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// A buyer names the seller of one of their items that has no recorded sale: chosen from the list of the
/// partner's sellers (SellerId) or by the code on the seller's card (SellerCode). The sale is created as
/// confirmed by the buyer and paid at once, under the seller's daily cap; a seller who is the buyer is
/// held for review, and a card of another partner's seller is held as grey market.
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

        var (state, flag) = seller.PartnerId != tag.PartnerId
            ? (SaleState.Flagged, SaleFlag.OtherPartner)
            : await SaleConfirmations.IsSamePersonAsync(db, seller.Id, command.BuyerId, cancellationToken)
                ? (SaleState.Flagged, SaleFlag.SelfPurchase)
                : (SaleState.Confirmed, SaleFlag.None);
        var points = await PointsLedger.GlobalRulePointsAsync(db, PointsRuleKind.SellerSale, cancellationToken) ?? rules.DefaultPoints;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await SaleClaims.OverDailyCapAsync(db, seller.Id, policy.DailyCap, now, cancellationToken))
        {
            return Result.Fail("This seller has reached today's limit of sales. Please try again tomorrow.");
        }

        var claim = new SaleClaim(tagId, seller.Id, seller.ShopId, seller.PartnerId, points, state, flag, NamedByBuyer: true, command.BuyerId);
        var saleId = await SaleClaims.InsertAsync(db, claim, now, cancellationToken);
        if (saleId is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Result.Fail("The seller of this item is already recorded.");
        }

        if (state == SaleState.Confirmed)
        {
            await SaleConfirmations.PayAsync(db, new Sale { Id = saleId.Value, SellerId = seller.Id, Points = points }, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
