using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>The asking partner manager's own partner's budget, its latest movements and the sellers it can pay.</summary>
public sealed record GetMyPartnerBudgetQuery(Guid ManagerId) : IQuery<PartnerBudgetView>;

/// <summary>One partner's budget for the brand's partner page.</summary>
public sealed record GetPartnerBudgetQuery(int PartnerId) : IQuery<PartnerBudgetView>;

public sealed record PartnerBudgetView(string PartnerName, int Balance, IReadOnlyList<BudgetMovement> Movements, IReadOnlyList<BonusSeller> Sellers);

/// <summary>A top-up (positive, no seller) or a bonus paid (negative, to the seller named).</summary>
public sealed record BudgetMovement(DateTimeOffset At, int Points, string? SellerName);

public sealed record BonusSeller(Guid Id, string FullName, string ShopName);

public sealed class GetPartnerBudgetHandler(IClubDbFactory dbFactory)
    : IQueryHandler<GetMyPartnerBudgetQuery, PartnerBudgetView>, IQueryHandler<GetPartnerBudgetQuery, PartnerBudgetView>
{
    private const int Latest = 50;

    public async ValueTask<PartnerBudgetView> Handle(GetMyPartnerBudgetQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ManagedPartner.OfAsync(db, query.ManagerId, cancellationToken);
        var sellers = await (
                from m in db.Members
                where m.PartnerId == partner.Id && m.SellerStatus == SellerStatus.Active
                join shop in db.Shops on m.ShopId equals shop.Id
                orderby m.FullName
                select new BonusSeller(m.Id, m.FullName, shop.Name))
            .ToListAsync(cancellationToken);
        return new PartnerBudgetView(partner.Name, await PartnerBudgets.BalanceAsync(db, partner.Id, cancellationToken),
            await MovementsAsync(db, partner.Id, cancellationToken), sellers);
    }

    public async ValueTask<PartnerBudgetView> Handle(GetPartnerBudgetQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var name = await db.Partners.Where(p => p.Id == query.PartnerId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such partner.");
        return new PartnerBudgetView(name, await PartnerBudgets.BalanceAsync(db, query.PartnerId, cancellationToken),
            await MovementsAsync(db, query.PartnerId, cancellationToken), []);
    }

    private static async Task<IReadOnlyList<BudgetMovement>> MovementsAsync(IClubDb db, int partnerId, CancellationToken cancellationToken)
    {
        var account = PartnerBudgets.AccountId(partnerId);
        // A bonus's seller is the other side of the same award: the credit under the award's seller key
        // (found by the unique key's index).
        return await (
                from e in db.PointsEntries
                where e.MemberId == account
                orderby e.CreatedAt descending, e.Id descending
                select new BudgetMovement(
                    e.CreatedAt, e.Amount,
                    (from c in db.PointsEntries
                     where e.Reason == PointsReason.PartnerBonus && c.IdempotencyKey == "partner-bonus:" + e.ReferenceId + ":seller"
                     join m in db.Members on c.MemberId equals m.Id
                     select m.FullName).FirstOrDefault()))
            .Take(Latest)
            .ToListAsync(cancellationToken);
    }
}
