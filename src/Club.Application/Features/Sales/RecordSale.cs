using Club.Application.Abstractions;
using Club.Application.Observability;
using Club.Domain.Members;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>A seller records that they sold the item with this tag (scanned, photographed or typed).</summary>
public sealed record RecordSaleCommand(Guid SellerId, string? Serial) : ICommand<RecordSaleResult>;

/// <summary>The outcome in plain words (an English message key), and the sale when one was recorded.</summary>
public sealed record RecordSaleResult(string Message, long? SaleId = null, SaleState? State = null)
{
    public bool Recorded => SaleId is not null;
}

public sealed class RecordSaleHandler(IClubDbFactory dbFactory, ITagCodes codes, SaleQuestionMail questions, SalesRules rules, TimeProvider clock)
    : ICommandHandler<RecordSaleCommand, RecordSaleResult>
{
    public async ValueTask<RecordSaleResult> Handle(RecordSaleCommand command, CancellationToken cancellationToken)
    {
        var result = await RecordAsync(command, cancellationToken);
        ClubMetrics.Sale(result.Recorded);
        return result;
    }

    private async ValueTask<RecordSaleResult> RecordAsync(RecordSaleCommand command, CancellationToken cancellationToken)
    {
        switch (codes.TryDecodeSerial(command.Serial, out var tagId))
        {
            case SerialCheck.WrongCheckCharacter:
                return new("This serial has a typo: compare it with the tag and try again.");
            case SerialCheck.Malformed:
                return new("This is not a serial of our tags.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var seller = await db.Members.AsNoTracking()
            .Where(m => m.Id == command.SellerId)
            .Select(m => new { m.SellerStatus, m.ShopId, m.PartnerId })
            .SingleOrDefaultAsync(cancellationToken);
        if (seller is not { SellerStatus: SellerStatus.Active, ShopId: { } shopId, PartnerId: { } partnerId })
        {
            return new("Your seller account is not active: sales can be recorded once the program manager has activated it.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Read under the tag's lock: a registration or a return committing meanwhile would otherwise leave
        // the claim waiting for a registration that already happened, or in a cycle that is over.
        await SaleClaims.LockTagAsync(db, tagId, exclusive: false, cancellationToken);
        var tag = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                where t.Id == tagId
                select new { t.Id, t.State, t.OwnerMemberId, t.RegisteredAt, BatchState = b.State, BatchPartner = b.PartnerId, b.ProductId })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return new("This is not a serial of our tags.");
        }

        if (tag.State == TagState.Voided || tag.BatchState == TagBatchState.Voided)
        {
            return new("This tag was withdrawn by the factory; its sale cannot be recorded. Tell the program manager.");
        }

        // Registered or not: only tags of batches on sale are sold (a print file must not earn a seller points either).
        if (tag.BatchState != TagBatchState.Active)
        {
            return new("This tag is not on sale yet: its batch has not been activated for shops.");
        }

        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        if (tag.RegisteredAt is { } registered && registered < now.AddDays(-policy.WindowDays))
        {
            return new("The buyer registered this item too long ago; its sale can no longer be recorded.");
        }

        // A claim past its time that the hourly job has not reached yet must not hold the item now.
        await SaleClaims.ExpireStaleAsync(db, policy, now, tagId, cancellationToken);
        var cycle = await SaleClaims.CycleAsync(db, tagId, cancellationToken);
        var mine = await db.Sales.AnyAsync(
            s => s.TagId == tagId && s.SellerId == command.SellerId && s.Cycle == cycle && s.State != SaleState.Expired, cancellationToken);
        if (mine)
        {
            return new("You have already recorded this sale.");
        }

        var terms = await SellerSalePoints.ForTagAsync(db, tagId, partnerId, rules.DefaultPoints, now, cancellationToken);
        // Shipped to another partner: recorded, but held for review (grey market). Registered already: the
        // buyer is asked, since anyone can read a serial off a registered item and claim it.
        var (state, flag) = (tag.BatchPartner is { } batchPartner && batchPartner != partnerId, tag.OwnerMemberId) switch
        {
            (true, _) => (SaleState.Flagged, SaleFlag.OtherPartner),
            (false, { } buyer) when await SaleConfirmations.IsSamePersonAsync(db, command.SellerId, buyer, cancellationToken)
                => (SaleState.Flagged, SaleFlag.SelfPurchase),
            (false, { }) => (SaleState.AwaitingConfirmation, SaleFlag.None),
            _ => (SaleState.AwaitingBuyer, SaleFlag.None),
        };

        if (await SaleClaims.OverDailyCapAsync(db, command.SellerId, policy.DailyCap, now, cancellationToken))
        {
            return new("You have reached today's limit of recorded sales. Ask the program manager if you really sold more.");
        }

        var claim = new SaleClaim(tagId, command.SellerId, shopId, partnerId, terms, state, flag, NamedByBuyer: false, tag.OwnerMemberId, cycle);
        var saleId = await SaleClaims.InsertAsync(db, claim, now, cancellationToken);
        if (saleId is null)
        {
            // Another seller's claim holds the tag (the unique index decided between racing posts): this one
            // is kept as a dispute for the program manager, unless this seller's own claim won the race.
            saleId = await SaleClaims.InsertAsync(db, claim with { State = SaleState.Disputed, Flag = SaleFlag.None }, now, cancellationToken);
            if (saleId is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new("You have already recorded this sale.");
            }

            state = SaleState.Disputed;
        }

        if (state == SaleState.AwaitingConfirmation)
        {
            await questions.AskAsync(db, saleId.Value, now, policy.AnswerDays, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new(state switch
        {
            SaleState.AwaitingConfirmation => "Sale recorded. The buyer has already registered the item: your points are credited when the buyer confirms that you sold it.",
            SaleState.Disputed => "Another seller has already recorded the sale of this item. Your claim goes to the program manager, who decides who sold it.",
            SaleState.Flagged => "Sale recorded and sent to the program manager for review; points come after the review.",
            _ => "Sale recorded. Your points are credited when the buyer registers the item: remind them to scan the tag.",
        }, saleId, state);
    }
}
