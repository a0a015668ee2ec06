using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Testing;

namespace Club.Application.Tests.Features.Members;

public class GetMyProfileTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Returns_the_sellers_profile_with_partner_and_shop()
    {
        var id = await db.IdOfAsync("seller@club.demo");

        var profile = await db.SendAsync<MyProfile>(new GetMyProfileQuery(id));

        profile.FullName.Should().Be("Мария Кузнецова");
        profile.PartnerName.Should().Be("Лазурит");
        profile.ShopName.Should().StartWith("Лазурит");
    }

    [Fact]
    public async Task An_unknown_member_is_not_found()
    {
        var act = () => db.SendAsync<MyProfile>(new GetMyProfileQuery(Guid.NewGuid()));

        await act.Should().ThrowAsync<NotFoundException>();
    }
}
