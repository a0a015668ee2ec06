using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// The buyer's answer to "did this seller sell you the item?". For a claim made after the registration,
/// yes pays the seller and no declines it. For a sale recorded before the registration (paid when the
/// buyer registered), yes keeps it and no declines it and takes the seller's points back through the
/// ledger. Either way the answer is once; a no counts against the seller.
/// </summary>
public sealed record AnswerSaleClaimCommand(Guid BuyerId, long SaleId, bool SoldByThisSeller) : ICommand<Result>;

public sealed class AnswerSaleClaimHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<AnswerSaleClaimCommand, Result>
{
    public async ValueTask<Result> Handle(AnswerSaleClaimCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        // The question is the buyer's who was asked: a later owner of the item cannot answer it.
        var sale = await db.Sales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SaleId && s.BuyerId == command.BuyerId, cancellationToken)
            ?? throw new NotFoundException("No such sale.");
        if (!await db.Sales.Where(s => s.Id == sale.Id).Where(SaleQuestion.Open(command.BuyerId, now, policy.AnswerDays)).AnyAsync(cancellationToken))
        {
            return Result.Fail("This question has already been answered or is closed.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A yes for a seller who is no longer active (or is the buyer) is recorded, but the claim waits for a manager.
        var hold = sale.State == SaleState.AwaitingConfirmation && command.SoldByThisSeller
            ? await SaleConfirmations.HoldFlagAsync(db, sale.SellerId, command.BuyerId, cancellationToken)
            : null;
        var moved = (sale.State, command.SoldByThisSeller) switch
        {
            (SaleState.AwaitingConfirmation, true) when hold is { } flag =>
                await SaleConfirmations.MoveAsync(db, sale.Id, sale.State, SaleState.Flagged, flag, cancellationToken, answeredAt: now),
            (SaleState.AwaitingConfirmation, true) =>
                await SaleConfirmations.MoveAsync(db, sale.Id, sale.State, SaleState.Confirmed, sale.Flag, cancellationToken, confirmedAt: now, answeredAt: now),
            (SaleState.AwaitingConfirmation, false) =>
                await SaleConfirmations.MoveAsync(db, sale.Id, sale.State, SaleState.Declined, sale.Flag, cancellationToken, answeredAt: now),
            // Paid at the registration: a yes only records the answer (once), a no takes the points back.
            (_, true) => await db.Database.ExecuteSqlAsync(
                $"UPDATE sales SET buyer_answered_at = {now} WHERE id = {sale.Id} AND buyer_answered_at IS NULL", cancellationToken) == 1,
            (_, false) => await DeclinePaidAsync(db, sale.Id, now, cancellationToken),
        };
        if (!moved)
        {
            return Result.Fail("This question has already been answered or is closed.");
        }

        if (sale.State == SaleState.AwaitingConfirmation && command.SoldByThisSeller && hold is null)
        {
            await SaleConfirmations.PayAsync(db, sale, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    private static async Task<bool> DeclinePaidAsync(IClubDb db, long saleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (declined, confirmed) = (nameof(SaleState.Declined), nameof(SaleState.Confirmed));
        if (await db.Database.ExecuteSqlAsync(
                $"UPDATE sales SET state = {declined}, buyer_answered_at = {now} WHERE id = {saleId} AND state = {confirmed} AND buyer_answered_at IS NULL",
                cancellationToken) != 1)
        {
            return false;
        }

        await PointsLedger.ReverseAsync(db, SaleConfirmations.SaleReference, saleId.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
        return true;
    }
}
