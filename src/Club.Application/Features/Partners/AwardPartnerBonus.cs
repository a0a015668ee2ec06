using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Application.Validation;
using Club.Domain.Members;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// A partner manager pays one of their own active sellers a bonus from the partner's budget: one ledger
/// transaction that debits the budget and credits the seller. The budget never goes below zero.
/// <paramref name="AwardId"/> is made when the form is shown, so a double click pays once.
/// </summary>
public sealed record AwardPartnerBonusCommand(Guid AwardId, Guid ManagerId, Guid SellerId, int Points) : ICommand<Result>;

public sealed class AwardPartnerBonusValidator : CommandValidator<AwardPartnerBonusCommand>
{
    public const int MaxPoints = 100_000;

    public AwardPartnerBonusValidator() =>
        RuleFor(c => c.Points).InclusiveBetween(1, MaxPoints).WithKey("Points must be whole numbers from {0} to {1:N0}.", 1, MaxPoints);
}

public sealed class AwardPartnerBonusHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<AwardPartnerBonusCommand, Result>
{
    public const string NotYourSeller = "This seller is not an active seller of your partner.";

    public async ValueTask<Result> Handle(AwardPartnerBonusCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ManagedPartner.OfAsync(db, command.ManagerId, cancellationToken);
        // Another partner's seller gets the same answer as a made-up id: nothing about them is told.
        if (!await db.Members.AnyAsync(m => m.Id == command.SellerId && m.PartnerId == partner.Id && m.SellerStatus == SellerStatus.Active, cancellationToken))
        {
            return Result.Fail(NotYourSeller);
        }

        var now = clock.GetUtcNow();
        var budget = PartnerBudgets.AccountId(partner.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The budget's balance row is locked first: parallel awards queue here, and each sees what the
        // previous left, so together they never spend more than the budget holds.
        var balances = await PointsLedger.LockBalancesAsync(db, [budget], cancellationToken);
        var award = command.AwardId.ToString("N");
        var alreadyPaid = await db.PointsEntries.AnyAsync(e => e.IdempotencyKey == PartnerBudgets.BonusKey(award, "seller"), cancellationToken);
        if (alreadyPaid)
        {
            return Result.Ok;
        }

        var available = balances.GetValueOrDefault(budget);
        if (available < command.Points)
        {
            return Result.Fail(new UserMessage("The budget holds only {0:N0} points.", [available]));
        }

        await PointsLedger.PostAsync(db,
        [
            new PointsPosting(budget, -command.Points, PointsReason.PartnerBonus, PartnerBudgets.BonusReference, award, PartnerBudgets.BonusKey(award, "budget")),
            new PointsPosting(command.SellerId, command.Points, PointsReason.PartnerBonus, PartnerBudgets.BonusReference, award, PartnerBudgets.BonusKey(award, "seller"))
            {
                PartnerId = partner.Id,
            },
        ], now, cancellationToken);
        await audit.RecordAsync(
            new AuditChange("partner.bonus", "partner", partner.Id.ToString(CultureInfo.InvariantCulture), new { Budget = available },
                new { Budget = available - command.Points, command.Points, Award = award }, command.SellerId),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
