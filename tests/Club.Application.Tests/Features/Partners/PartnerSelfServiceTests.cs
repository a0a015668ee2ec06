using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.Points;
using Club.Application.Features.Sellers;
using Club.Application.Tests.Features.Points;
using Club.Domain.Members;
using Club.Infrastructure.Identity;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Partners;

/// <summary>
/// A partner manager's own work: deciding their new sellers and paying bonuses from the partner's budget.
/// Every handler is also tried with another partner's seller: it is refused and nothing changes.
/// </summary>
public class PartnerSelfServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_manager_decides_a_pending_seller_of_their_partner_only_when_the_brand_allows_it()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, _) = await PartnersAsync();
        var first = await NewSellerAsync(own);
        var second = await NewSellerAsync(own);

        await AllowAsync(own.PartnerId, false);
        var refused = await db.SendAsync<Result>(new DecideMySellerCommand(manager, first, true, null));
        await AllowAsync(own.PartnerId, true);
        var activated = await db.SendAsync<Result>(new DecideMySellerCommand(manager, first, true, null));
        var rejected = await db.SendAsync<Result>(new DecideMySellerCommand(manager, second, false, null));
        var again = await db.SendAsync<Result>(new DecideMySellerCommand(manager, first, false, null));

        refused.Errors.Single().ErrorMessage.Should().Be(DecideMySellerHandler.NotAllowed);
        activated.Succeeded.Should().BeTrue();
        rejected.Succeeded.Should().BeTrue();
        again.Succeeded.Should().BeFalse("only a pending application is decided by the partner");
        (await StatusAsync(first)).Should().Be(SellerStatus.Active);
        (await StatusAsync(second)).Should().Be(SellerStatus.Rejected);
        var mine = await db.SendAsync<PartnerSellers>(new ListMyPartnerSellersQuery(manager));
        mine.MayDecide.Should().BeTrue();
        mine.Sellers.Should().Contain(s => s.Id == first && s.Status == SellerStatus.Active);
        // The brand's queue keeps seeing every seller, whoever decided.
        (await db.SendAsync<IReadOnlyList<SellerRow>>(new ListSellersQuery(SellerStatus.Active))).Should().Contain(s => s.Id == first);
        await using var context = await ContextAsync();
        (await context.SellerDecisions.Where(d => d.SellerId == first).Select(d => d.DecidedBy).SingleAsync()).Should().Be(manager);
    }

    [Fact]
    public async Task Another_partners_seller_cannot_be_decided_and_is_not_listed()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, other) = await PartnersAsync();
        await AllowAsync(own.PartnerId, true);
        var stranger = await NewSellerAsync(other);

        var result = await db.SendAsync<Result>(new DecideMySellerCommand(manager, stranger, true, null));
        var unknown = await db.SendAsync<Result>(new DecideMySellerCommand(manager, Guid.NewGuid(), true, null));

        result.Errors.Single().ErrorMessage.Should().Be(DecideMySellerHandler.NotYourSeller);
        unknown.Errors.Single().ErrorMessage.Should().Be(DecideMySellerHandler.NotYourSeller, "a made-up id and another partner's seller are told the same");
        (await StatusAsync(stranger)).Should().Be(SellerStatus.Pending);
        (await db.SendAsync<PartnerSellers>(new ListMyPartnerSellersQuery(manager))).Sellers.Should().NotContain(s => s.Id == stranger);
    }

    [Fact]
    public async Task Twenty_parallel_awards_never_take_the_budget_below_zero()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, _) = await PartnersAsync();
        var seller = await ActiveSellerAsync(own);
        (await db.SendAsync<Result>(new TopUpPartnerBudgetCommand(Guid.NewGuid(), own.PartnerId, 100))).Succeeded.Should().BeTrue();
        var budget = await BudgetAsync(manager);
        // Other tests of this class may have left points in the budget: the bonus is sized so that
        // about eight fit and the other twelve must be refused.
        var bonus = budget / 8 + 1;
        var fit = budget / bonus;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            db.SendAsync<Result>(new AwardPartnerBonusCommand(Guid.NewGuid(), manager, seller, bonus)))));

        results.Count(r => r.Succeeded).Should().Be(fit);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Errors.Single().ErrorMessage!.StartsWith("The budget holds only", StringComparison.Ordinal));
        (await BudgetAsync(manager)).Should().Be(budget - fit * bonus).And.BeGreaterThanOrEqualTo(0);
        (await SellerPointsAsync(seller)).Should().Be(fit * bonus);
        await using var context = await ContextAsync();
        (await LedgerChecks.InvariantBreachesAsync(context)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_double_click_pays_once_and_the_liability_shows_the_budget()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, _) = await PartnersAsync();
        var seller = await ActiveSellerAsync(own);
        var topUp = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => db.SendAsync<Result>(new TopUpPartnerBudgetCommand(topUp, own.PartnerId, 500))));
        var budget = await BudgetAsync(manager);
        var award = Guid.NewGuid();

        var clicks = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => db.SendAsync<Result>(new AwardPartnerBonusCommand(award, manager, seller, 40))));

        clicks.Should().OnlyContain(r => r.Succeeded);
        (await SellerPointsAsync(seller)).Should().Be(40);
        (await BudgetAsync(manager)).Should().Be(budget - 40);
        var view = await db.SendAsync<PartnerBudgetView>(new GetMyPartnerBudgetQuery(manager));
        view.Movements.Should().Contain(m => m.Points == -40 && m.SellerName == "Новый Продавец");
        var liability = await db.SendAsync<PointsLiability>(new GetPointsLiabilityQuery());
        liability.PartnerBudgets.Should().Contain(b => b.Partner == own.PartnerName && b.Balance == budget - 40 && b.Paid >= 40 && b.ToppedUp >= 500);
    }

    [Fact]
    public async Task A_bonus_for_another_partners_seller_is_refused_and_moves_nothing()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, other) = await PartnersAsync();
        await db.SendAsync<Result>(new TopUpPartnerBudgetCommand(Guid.NewGuid(), own.PartnerId, 100));
        var stranger = await ActiveSellerAsync(other);
        var budget = await BudgetAsync(manager);

        var result = await db.SendAsync<Result>(new AwardPartnerBonusCommand(Guid.NewGuid(), manager, stranger, 10));
        var unknown = await db.SendAsync<Result>(new AwardPartnerBonusCommand(Guid.NewGuid(), manager, Guid.NewGuid(), 10));

        result.Errors.Single().ErrorMessage.Should().Be(AwardPartnerBonusHandler.NotYourSeller);
        unknown.Errors.Single().ErrorMessage.Should().Be(AwardPartnerBonusHandler.NotYourSeller);
        (await SellerPointsAsync(stranger)).Should().Be(0);
        (await BudgetAsync(manager)).Should().Be(budget);
        (await db.SendAsync<PartnerBudgetView>(new GetMyPartnerBudgetQuery(manager))).Sellers.Should().NotContain(s => s.Id == stranger);
    }

    [Fact]
    public async Task Bad_amounts_are_refused_and_a_member_without_a_partner_gets_no_budget()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, _) = await PartnersAsync();
        var seller = await ActiveSellerAsync(own);

        (await db.SendAsync<Result>(new AwardPartnerBonusCommand(Guid.NewGuid(), manager, seller, 0))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new AwardPartnerBonusCommand(Guid.NewGuid(), manager, seller, -5))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new TopUpPartnerBudgetCommand(Guid.NewGuid(), own.PartnerId, 0))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new TopUpPartnerBudgetCommand(Guid.NewGuid(), int.MaxValue, 10))).Succeeded.Should().BeFalse();
        var buyer = await db.IdOfAsync("buyer@club.demo");
        var act = () => db.SendAsync<PartnerBudgetView>(new GetMyPartnerBudgetQuery(buyer));
        await act.Should().ThrowAsync<NotFoundException>();
        (await SellerPointsAsync(seller)).Should().Be(0);
    }

    private async Task<(ShopChoice Own, ShopChoice Other)> PartnersAsync()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        await using var context = await ContextAsync();
        var partnerId = await context.Members.Where(m => m.Id == manager).Select(m => m.PartnerId).SingleAsync();
        var shops = await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        return (shops.First(s => s.PartnerId == partnerId), shops.First(s => s.PartnerId != partnerId));
    }

    private async Task AllowAsync(int partnerId, bool allowed)
    {
        var partner = (await db.SendAsync<PartnerDetails?>(new GetPartnerQuery(partnerId)))!;
        var saved = await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(
            partner.Id, partner.Version, partner.Name, partner.LegalName ?? partner.Name, partner.Contact, partner.IsActive, allowed));
        saved.Saved.Should().BeTrue();
    }

    private Task<Guid> NewSellerAsync(ShopChoice shop) =>
        db.WithScopeAsync<MemberAccounts, Guid>(async accounts =>
        {
            var result = await accounts.CreateAsync(new NewAccount(
                $"seller{Guid.NewGuid():N}@example.com", $"+7916{Random.Shared.Next(1_000_000, 9_999_999)}", "secret-pass-1", "Новый Продавец", Roles.Seller,
                PartnerId: shop.PartnerId, ShopId: shop.ShopId, Position: "Продавец-консультант"));
            return result.User!.Id;
        });

    private async Task<Guid> ActiveSellerAsync(ShopChoice shop)
    {
        var seller = await NewSellerAsync(shop);
        var brand = await db.IdOfAsync("manager@club.demo");
        (await db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Active, null, brand))).Succeeded.Should().BeTrue();
        return seller;
    }

    private async Task<int> BudgetAsync(Guid manager) => (await db.SendAsync<PartnerBudgetView>(new GetMyPartnerBudgetQuery(manager))).Balance;

    private async Task<int> SellerPointsAsync(Guid seller)
    {
        await using var context = await ContextAsync();
        return await context.PointsBalances.Where(b => b.MemberId == seller).Select(b => b.Balance).SingleOrDefaultAsync();
    }

    private async Task<SellerStatus?> StatusAsync(Guid seller)
    {
        await using var context = await ContextAsync();
        return await context.Members.Where(m => m.Id == seller).Select(m => m.SellerStatus).SingleAsync();
    }

    private Task<IClubDb> ContextAsync() => db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
