using Club.Application.Abstractions;
using Club.Application.Features.Sellers;
using Club.Domain.Members;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Sellers;

public class SellerActivationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_new_seller_waits_in_the_queue_with_the_phone_to_call_and_shop()
    {
        var seller = await NewSellerAsync("+7 916 555-00-01");

        var queue = await db.SendAsync<IReadOnlyList<SellerRow>>(new ListSellersQuery());

        var row = queue.Should().ContainSingle(s => s.Id == seller).Subject;
        row.Phone.Should().Be("+79165550001");
        row.ShopName.Should().NotBeNullOrEmpty();
        row.PartnerName.Should().NotBeNullOrEmpty();
        row.Position.Should().Be("Продавец-консультант");
        row.Status.Should().Be(SellerStatus.Pending);
    }

    [Fact]
    public async Task Activation_after_the_call_is_kept_in_the_history_with_the_managers_note()
    {
        var seller = await NewSellerAsync("+7 916 555-00-02");
        var manager = await db.IdOfAsync("manager@club.demo");

        var result = await db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Active, "  called, works at the shop  ", manager));

        result.Succeeded.Should().BeTrue();
        var active = await db.SendAsync<IReadOnlyList<SellerRow>>(new ListSellersQuery(SellerStatus.Active));
        var history = active.Single(s => s.Id == seller).History;
        history.Should().ContainSingle();
        history[0].Should().BeEquivalentTo(new { From = SellerStatus.Pending, To = SellerStatus.Active, Note = "called, works at the shop", DecidedBy = "Елена Орлова" });
        (await db.SendAsync<IReadOnlyList<SellerRow>>(new ListSellersQuery())).Should().NotContain(s => s.Id == seller);
    }

    [Fact]
    public async Task The_seller_is_mailed_each_decision_once_in_her_language_template()
    {
        var seller = await NewSellerAsync("+7 916 555-00-09");
        var manager = await db.IdOfAsync("manager@club.demo");

        (await db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Active, "internal note", manager))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Suspended, null, manager))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Suspended, null, manager))).Succeeded.Should().BeFalse();

        var mails = await db.WithScopeAsync<ClubDbContext, List<Club.Domain.Mail.OutboxMail>>(c =>
            c.MailOutbox.AsNoTracking().Where(m => m.MemberId == seller && m.IdempotencyKey.StartsWith("seller-decision:")).OrderBy(m => m.Id).ToListAsync());
        mails.Select(m => m.Template).Should().Equal("SellerActivated", "SellerSuspended");
        mails.Should().OnlyContain(m => !m.Values.Values.Any(v => v.Contains("internal note")), "the manager's note is not mailed");
    }

    [Fact]
    public async Task Twenty_simultaneous_clicks_make_one_decision()
    {
        var seller = await NewSellerAsync("+7 916 555-00-03");
        var manager = await db.IdOfAsync("manager@club.demo");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Active, null, manager))));

        results.Count(r => r.Succeeded).Should().Be(1);
        (await DecisionsAsync(seller)).Should().Be(1);
    }

    [Fact]
    public async Task Impossible_moves_and_oversized_notes_are_refused_and_change_nothing()
    {
        var seller = await NewSellerAsync("+7 916 555-00-04");
        var manager = await db.IdOfAsync("manager@club.demo");

        var suspendPending = await db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Suspended, null, manager));
        var longNote = await db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Active, new string('x', 501), manager));

        suspendPending.Succeeded.Should().BeFalse();
        longNote.Succeeded.Should().BeFalse();
        (await DecisionsAsync(seller)).Should().Be(0);
        (await db.SendAsync<IReadOnlyList<SellerRow>>(new ListSellersQuery())).Should().Contain(s => s.Id == seller);
    }

    [Fact]
    public async Task An_unknown_seller_is_not_found()
    {
        var act = () => db.SendAsync<Result>(new DecideSellerCommand(Guid.NewGuid(), SellerStatus.Active, null, Guid.NewGuid()));

        await act.Should().ThrowAsync<NotFoundException>();
    }

    private async Task<Guid> NewSellerAsync(string phone)
    {
        var shop = (await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery())).First();
        return await db.WithScopeAsync<MemberAccounts, Guid>(async accounts =>
        {
            var result = await accounts.CreateAsync(new NewAccount(
                $"seller{Guid.NewGuid():N}@example.com", phone, "secret-pass-1", "Новый Продавец", Roles.Seller,
                PartnerId: shop.PartnerId, ShopId: shop.ShopId, Position: "Продавец-консультант"));
            return result.User!.Id;
        });
    }

    private Task<int> DecisionsAsync(Guid seller) =>
        db.WithScopeAsync<ClubDbContext, int>(context => context.SellerDecisions.CountAsync(d => d.SellerId == seller));
}
