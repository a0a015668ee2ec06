using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Application.Validation;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// The brand puts points into a partner's bonus budget: one credit of the budget's ledger account, which
/// never expires (the partner spends it on its sellers' bonuses). <paramref name="TopUpId"/> is made when the
/// form is shown, so a double click tops up once.
/// </summary>
public sealed record TopUpPartnerBudgetCommand(Guid TopUpId, int PartnerId, int Points) : ICommand<Result>;

public sealed class TopUpPartnerBudgetValidator : CommandValidator<TopUpPartnerBudgetCommand>
{
    public const int MaxPoints = 1_000_000;

    public TopUpPartnerBudgetValidator() =>
        RuleFor(c => c.Points).InclusiveBetween(1, MaxPoints).WithKey("Points must be whole numbers from {0} to {1:N0}.", 1, MaxPoints);
}

public sealed class TopUpPartnerBudgetHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<TopUpPartnerBudgetCommand, Result>
{
    public async ValueTask<Result> Handle(TopUpPartnerBudgetCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var name = await db.Partners.Where(p => p.Id == command.PartnerId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return Result.Fail("No such partner.");
        }

        var now = clock.GetUtcNow();
        var account = PartnerBudgets.AccountId(command.PartnerId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PartnerBudgets.OpenAsync(db, command.PartnerId, name, now, cancellationToken);
        var balanceBefore = await PartnerBudgets.BalanceAsync(db, command.PartnerId, cancellationToken);
        var topUp = command.TopUpId.ToString("N");
        var posted = await PointsLedger.PostAsync(db, new PointsPosting(
            account, command.Points, PointsReason.PartnerBudgetTopUp, PartnerBudgets.TopUpReference, topUp, $"partner-budget:top-up:{topUp}")
        {
            LifetimeMonths = 0,
            PartnerId = command.PartnerId,
        }, now, cancellationToken);
        if (posted)
        {
            await audit.RecordAsync(
                new AuditChange("partner.budget-top-up", "partner", command.PartnerId.ToString(CultureInfo.InvariantCulture),
                    new { Budget = balanceBefore }, new { Budget = await PartnerBudgets.BalanceAsync(db, command.PartnerId, cancellationToken), command.Points }),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
