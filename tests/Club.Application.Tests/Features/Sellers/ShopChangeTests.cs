using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Application.Features.Sellers;
using Club.Testing;

namespace Club.Application.Tests.Features.Sellers;

public class ShopChangeTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_approved_change_moves_the_seller_to_the_new_shop_and_its_partner()
    {
        var shops = await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        var (from, to) = (shops.First(), shops.Last(s => s.PartnerId != shops.First().PartnerId));
        var seller = await SellerAsync(from);
        var manager = await db.IdOfAsync("manager@club.demo");

        (await db.SendAsync<Result>(new RequestShopChangeCommand(seller, to.ShopId))).Succeeded.Should().BeTrue();
        var request = (await db.SendAsync<IReadOnlyList<ShopChangeRow>>(new ListShopChangeRequestsQuery(seller))).Single();
        var decisions = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => db.SendAsync<Result>(new DecideShopChangeCommand(request.Id, true, manager))));

        decisions.Count(d => d.Succeeded).Should().Be(1);
        var profile = await db.SendAsync<MyProfile>(new GetMyProfileQuery(seller));
        (profile.ShopName, profile.PartnerName).Should().Be((to.ShopName, to.PartnerName));
        (await db.SendAsync<IReadOnlyList<ShopChangeRow>>(new ListShopChangeRequestsQuery(seller))).Should().BeEmpty();
    }

    [Fact]
    public async Task One_open_request_at_a_time_and_a_rejected_one_changes_nothing()
    {
        var shops = await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        var seller = await SellerAsync(shops[0]);
        var manager = await db.IdOfAsync("manager@club.demo");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => db.SendAsync<Result>(new RequestShopChangeCommand(seller, shops[1].ShopId))));
        var same = await db.SendAsync<Result>(new RequestShopChangeCommand(seller, shops[0].ShopId));
        var unknown = await db.SendAsync<Result>(new RequestShopChangeCommand(seller, 999_999));

        results.Count(r => r.Succeeded).Should().Be(1);
        same.Succeeded.Should().BeFalse();
        unknown.Succeeded.Should().BeFalse();
        var request = (await db.SendAsync<IReadOnlyList<ShopChangeRow>>(new ListShopChangeRequestsQuery(seller))).Single();
        (await db.SendAsync<Result>(new DecideShopChangeCommand(request.Id, false, manager))).Succeeded.Should().BeTrue();
        (await db.SendAsync<MyProfile>(new GetMyProfileQuery(seller))).ShopName.Should().Be(shops[0].ShopName);
    }

    private async Task<Guid> SellerAsync(ShopChoice shop) => (await TestTags.CreateSellerAsync(db.Services, shop.PartnerId, shop.ShopId)).Id;
}
