using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Testing;

namespace Club.Application.Tests.Features.Partners;

public class ListMyPartnerShopsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_partner_manager_sees_only_the_shops_of_their_own_partner()
    {
        var manager = await db.IdOfAsync("partner@club.demo");

        var shops = await db.SendAsync<PartnerShops>(new ListMyPartnerShopsQuery(manager));

        shops.PartnerName.Should().Be("Лазурит");
        shops.Shops.Should().HaveCount(2).And.OnlyContain(s => s.Name.StartsWith("Лазурит"));
    }

    [Fact]
    public async Task Someone_without_a_partner_gets_not_found()
    {
        var buyer = await db.IdOfAsync("buyer@club.demo");

        var act = () => db.SendAsync<PartnerShops>(new ListMyPartnerShopsQuery(buyer));

        await act.Should().ThrowAsync<NotFoundException>();
    }
}
