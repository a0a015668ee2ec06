using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// A program manager settles a dispute: a second seller's claim on an item another seller holds.
/// DisputerWins: the holding claim is rejected (its points taken back through the ledger if paid) and the
/// disputed claim takes its place: paid at once if the buyer has registered the item, else it waits for
/// the registration. Otherwise the disputed claim is rejected and the holding one goes on. Either way
/// exactly one seller is paid.
/// </summary>
public sealed record ResolveSaleDisputeCommand(long SaleId, bool DisputerWins) : ICommand<Result>;

public sealed class ResolveSaleDisputeHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<ResolveSaleDisputeCommand, Result>
{
    public async ValueTask<Result> Handle(ResolveSaleDisputeCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var tagId = await db.Sales.Where(s => s.Id == command.SaleId).Select(s => (long?)s.TagId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such sale.");
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The tag and every claim on it are locked first: two verdicts, a verdict and the buyer's answer,
        // a new claim or the buyer naming a seller take turns, and the second sees what the first decided.
        await SaleClaims.LockTagAsync(db, tagId, exclusive: true, cancellationToken);
        var claims = await db.Sales.FromSql($"SELECT * FROM sales WHERE tag_id = {tagId} ORDER BY id FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken);
        var disputed = claims.Single(s => s.Id == command.SaleId);
        if (disputed.State != SaleState.Disputed)
        {
            return Result.Fail("This dispute has already been resolved.");
        }

        var holdingClaim = claims.SingleOrDefault(s => Sale.HoldingStates.Contains(s.State));

        // Both claims' states as the verdict left them, beside those it found.
        async Task RecordAsync()
        {
            long[] ids = holdingClaim is null ? [disputed.Id] : [disputed.Id, holdingClaim.Id];
            var states = await db.Sales.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.State, cancellationToken);
            await audit.RecordAsync(new AuditChange("sale.dispute", "sale", disputed.Id.ToString(CultureInfo.InvariantCulture),
                new { disputed.State, Disputed = disputed.SellerId, Holding = holdingClaim?.SellerId, HoldingState = holdingClaim?.State },
                new
                {
                    State = states[disputed.Id], Winner = command.DisputerWins ? disputed.SellerId : holdingClaim?.SellerId,
                    HoldingState = holdingClaim is null ? (SaleState?)null : states[holdingClaim.Id],
                }), cancellationToken);
        }

        if (!command.DisputerWins)
        {
            await SaleConfirmations.MoveAsync(db, disputed.Id, SaleState.Disputed, SaleState.Rejected, disputed.Flag, cancellationToken);
            await RecordAsync();
            await transaction.CommitAsync(cancellationToken);
            return Result.Ok;
        }

        if (holdingClaim is { } holding)
        {
            await SaleConfirmations.MoveAsync(db, holding.Id, holding.State, SaleState.Rejected, holding.Flag, cancellationToken);
            if (holding.State == SaleState.Confirmed)
            {
                await PointsLedger.ReverseAsync(db, SaleConfirmations.SaleReference, holding.Id.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
            }
        }

        var buyer = await db.Tags.Where(t => t.Id == tagId).Select(t => t.OwnerMemberId).SingleAsync(cancellationToken);
        if (buyer is null)
        {
            await SaleConfirmations.MoveAsync(db, disputed.Id, SaleState.Disputed, SaleState.AwaitingBuyer, disputed.Flag, cancellationToken);
        }
        else if (await SaleConfirmations.HoldFlagAsync(db, disputed.SellerId, buyer.Value, cancellationToken) is { } hold)
        {
            await SaleConfirmations.MoveAsync(db, disputed.Id, SaleState.Disputed, SaleState.Flagged, hold, cancellationToken, buyerId: buyer);
        }
        else if (await SaleConfirmations.MoveAsync(db, disputed.Id, SaleState.Disputed, SaleState.Confirmed, disputed.Flag, cancellationToken, confirmedAt: now, buyerId: buyer))
        {
            await SaleConfirmations.PayAsync(db, disputed, now, cancellationToken);
        }

        await RecordAsync();
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
