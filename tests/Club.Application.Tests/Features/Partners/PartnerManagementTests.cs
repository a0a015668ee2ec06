using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.Sellers;
using Club.Application.Features.Tags;
using Club.Domain.Members;
using Club.Domain.Tags;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Partners;

public class PartnerManagementTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_partner_and_its_shop_are_created_edited_and_audited()
    {
        var partner = await PartnerAsync("Аметист");
        var manager = await db.IdOfAsync("manager@club.demo");

        (await db.SendAsync<Result>(new SaveShopCommand(partner.Id, null, null, "Аметист — Арбат", "Москва", "ул. Арбат, 10", "+7 495 000-00-01", true, manager))).Succeeded.Should().BeTrue();
        var shop = (await DetailsAsync(partner.Id)).Shops.Single();
        (await db.SendAsync<Result>(new SaveShopCommand(partner.Id, shop.Id, shop.Version, "Аметист — Арбат", "Москва", "ул. Арбат, 12", null, true, manager))).Succeeded.Should().BeTrue();

        var details = await DetailsAsync(partner.Id);
        details.Should().BeEquivalentTo(new { Name = "Аметист", LegalName = "ООО «Аметист»", Contact = "Анна, +7 900 000-00-00", IsActive = true });
        details.Shops.Single().Should().BeEquivalentTo(new { Name = "Аметист — Арбат", City = "Москва", Street = "ул. Арбат, 12", Phone = (string?)null, IsActive = true });
        (await db.SendAsync<IReadOnlyList<PartnerRow>>(new ListPartnersQuery())).Should().ContainSingle(p => p.Id == partner.Id && p.Shops == 1);
        await using var context = await ContextAsync();
        (await context.AuditLog.Where(e => e.EntityType == "partner" && e.EntityId == partner.Id.ToString()).Select(e => e.Action).ToListAsync())
            .Should().Equal("partner.create");
        (await context.AuditLog.Where(e => e.EntityType == "shop" && e.EntityId == shop.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync())
            .Should().Equal("shop.create", "shop.update");
    }

    [Fact]
    public async Task Of_two_edits_made_from_the_same_version_the_second_is_refused_with_a_message()
    {
        var partner = await PartnerAsync("Малахит");
        var version = (await DetailsAsync(partner.Id)).Version;

        var first = await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(partner.Id, version, "Малахит", "ООО «Малахит-1»", null, true));
        var second = await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(partner.Id, version, "Малахит", "ООО «Малахит-2»", null, true));

        first.Saved.Should().BeTrue();
        second.Saved.Should().BeFalse();
        second.Errors.Single().Message.Key.Should().StartWith("Someone else saved this partner");
        (await DetailsAsync(partner.Id)).LegalName.Should().Be("ООО «Малахит-1»");
    }

    [Fact]
    public async Task Bad_input_and_a_taken_name_are_refused_next_to_the_field()
    {
        var noLegalName = await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(null, null, "Без реквизитов", " ", null, true));
        var taken = await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(null, null, "Лазурит", "ООО «Другой Лазурит»", null, true));
        var partner = await PartnerAsync("Гранат");
        var noCity = await db.SendAsync<Result>(new SaveShopCommand(partner.Id, null, null, "Гранат — 1", "", "ул. Ленина, 1", null, true, Guid.NewGuid()));

        noLegalName.Errors.Single().Field.Should().Be("LegalName");
        taken.Errors.Single().Field.Should().Be("Name");
        noCity.Errors.Single().MemberNames.Should().Equal("City");
    }

    [Fact]
    public async Task Seller_pick_lists_offer_only_open_shops_of_active_partners()
    {
        // A forged sign-up with a closed shop's id is refused too: SellerSignUpPageTests (it needs the web host's accounts).
        var partner = await PartnerAsync("Опал");
        var manager = await db.IdOfAsync("manager@club.demo");
        var (open, closed) = (await ShopAsync(partner.Id, "Опал — открыт", manager), await ShopAsync(partner.Id, "Опал — закрыт", manager));
        var seller = await SellerAsync(partner.Id, open, SellerStatus.Active);
        await CloseAsync(partner.Id, closed, manager);

        var choices = await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        var move = await db.SendAsync<Result>(new RequestShopChangeCommand(seller, closed));

        choices.Select(c => c.ShopId).Should().Contain(open).And.NotContain(closed);
        move.Succeeded.Should().BeFalse("a closed shop cannot be asked for");
        (await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(partner.Id, (await DetailsAsync(partner.Id)).Version, "Опал", "ООО «Опал»", null, false))).Saved.Should().BeTrue();
        (await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery())).Select(c => c.ShopId).Should().NotContain(open, "the partner is inactive");
    }

    [Fact]
    public async Task A_batch_is_shipped_only_to_an_active_partner()
    {
        var partner = await PartnerAsync("Топаз");
        var (batchId, _) = await TestTags.CreateBatchAsync(db.Services, 1, "AQ-SEA-R01", onSale: false);
        (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, TagBatchState.Printed))).Succeeded.Should().BeTrue();
        (await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(partner.Id, (await DetailsAsync(partner.Id)).Version, "Топаз", "ООО «Топаз»", null, false))).Saved.Should().BeTrue();

        var offered = await db.SendAsync<IReadOnlyList<string>>(new ListPartnerNamesQuery(ActiveOnly: true));
        var forged = await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, TagBatchState.Shipped, "Топаз"));

        offered.Should().NotContain("Топаз").And.Contain("Лазурит");
        forged.Succeeded.Should().BeFalse();
        forged.Errors.Single().Message().Key.Should().Be("This partner is inactive: batches are no longer sent to it.");
        (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, TagBatchState.Shipped, "Лазурит"))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Closing_a_shop_with_sellers_asks_what_to_do_and_then_moves_them_in_the_same_transaction()
    {
        var partner = await PartnerAsync("Сапфир");
        var other = await PartnerAsync("Сапфир-сосед");
        var manager = await db.IdOfAsync("manager@club.demo");
        var (closing, staying, foreign) = (await ShopAsync(partner.Id, "Сапфир — 1", manager), await ShopAsync(partner.Id, "Сапфир — 2", manager), await ShopAsync(other.Id, "Сосед — 1", manager));
        var active = await SellerAsync(partner.Id, closing, SellerStatus.Active);
        var pending = await SellerAsync(partner.Id, closing, SellerStatus.Pending);

        var unasked = await CloseAsync(partner.Id, closing, manager);
        var toForeign = await CloseAsync(partner.Id, closing, manager, ClosingShopSellers.Move, foreign);

        unasked.Errors.Single().MemberNames.Should().Equal("Sellers");
        toForeign.Errors.Single().MemberNames.Should().Equal("MoveToShopId");
        (await DetailsAsync(partner.Id)).Shops.Single(s => s.Id == closing).Should().BeEquivalentTo(new { IsActive = true, Sellers = 2 }, "a refused close changes nothing");

        (await CloseAsync(partner.Id, closing, manager, ClosingShopSellers.Move, staying)).Succeeded.Should().BeTrue();
        var shops = (await DetailsAsync(partner.Id)).Shops;
        shops.Single(s => s.Id == closing).Should().BeEquivalentTo(new { IsActive = false, Sellers = 0 });
        shops.Single(s => s.Id == staying).Sellers.Should().Be(2);
        (await StateAsync(active)).Should().Be((staying, SellerStatus.Active));
        (await StateAsync(pending)).Should().Be((staying, SellerStatus.Pending));
    }

    [Fact]
    public async Task Closing_a_shop_can_suspend_its_sellers_with_a_decision_in_their_history_and_the_decisions_mail()
    {
        var partner = await PartnerAsync("Рубин");
        var manager = await db.IdOfAsync("manager@club.demo");
        var closing = await ShopAsync(partner.Id, "Рубин — 1", manager);
        var active = await SellerAsync(partner.Id, closing, SellerStatus.Active);
        var pending = await SellerAsync(partner.Id, closing, SellerStatus.Pending);

        (await CloseAsync(partner.Id, closing, manager, ClosingShopSellers.Suspend)).Succeeded.Should().BeTrue();

        (await StateAsync(active)).Should().Be((closing, SellerStatus.Suspended));
        (await StateAsync(pending)).Should().Be((closing, SellerStatus.Rejected));
        await using var context = await ContextAsync();
        (await context.SellerDecisions.CountAsync(d => (d.SellerId == active || d.SellerId == pending) && d.DecidedBy == manager)).Should().Be(2);
        (await context.AuditLog.CountAsync(e => e.Action == "seller.decision" && (e.MemberId == active || e.MemberId == pending))).Should().Be(2);
        // The same mails a manager's decision sends.
        (await context.MailOutbox.Where(m => m.MemberId == active).Select(m => m.Template).ToListAsync())
            .Should().Equal(SellerDecisionRecord.MailTemplate(SellerStatus.Suspended)).And.Equal("SellerSuspended");
        (await context.MailOutbox.Where(m => m.MemberId == pending).Select(m => m.Template).ToListAsync()).Should().Equal("SellerRejected");
    }

    private async Task<PartnerDetails> PartnerAsync(string name)
    {
        var result = await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(null, null, name, $"ООО «{name}»", "Анна, +7 900 000-00-00", true));
        result.Saved.Should().BeTrue(string.Join("; ", result.Errors.Select(e => e.Message.Text)));
        return await DetailsAsync(result.PartnerId!.Value);
    }

    private async Task<int> ShopAsync(int partnerId, string name, Guid manager)
    {
        (await db.SendAsync<Result>(new SaveShopCommand(partnerId, null, null, name, "Москва", "ул. Тестовая, 1", null, true, manager))).Succeeded.Should().BeTrue();
        return (await DetailsAsync(partnerId)).Shops.Single(s => s.Name == name).Id;
    }

    private async Task<Result> CloseAsync(int partnerId, int shopId, Guid manager, ClosingShopSellers sellers = ClosingShopSellers.Ask, int? moveTo = null)
    {
        var shop = (await DetailsAsync(partnerId)).Shops.Single(s => s.Id == shopId);
        return await db.SendAsync<Result>(new SaveShopCommand(partnerId, shop.Id, shop.Version, shop.Name, shop.City, shop.Street, shop.Phone, false, manager, sellers, moveTo));
    }

    private async Task<PartnerDetails> DetailsAsync(int id) => (await db.SendAsync<PartnerDetails?>(new GetPartnerQuery(id)))!;

    private async Task<Guid> SellerAsync(int partnerId, int shopId, SellerStatus status) =>
        (await TestTags.CreateSellerAsync(db.Services, partnerId, shopId, status)).Id;

    private async Task<(int? ShopId, SellerStatus? Status)> StateAsync(Guid sellerId)
    {
        await using var context = await ContextAsync();
        var member = await context.Members.AsNoTracking().SingleAsync(m => m.Id == sellerId);
        return (member.ShopId, member.SellerStatus);
    }

    private async Task<IClubDb> ContextAsync() => await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
