using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Domain.Members;
using Club.Testing;

namespace Club.Application.Tests.Features.Audit;

/// <summary>What the audited-action tests set up before acting: partners, shops, sellers, and a successful command.</summary>
public static class AuditTestKit
{
    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends a command that answers <see cref="Result"/> and checks it succeeded.</summary>
    public static async Task OkAsync(this AuditActorFixture db, global::Mediator.IMessage command) =>
        (await db.SendAsync<Result>(command)).Errors.Should().BeEmpty(command.GetType().Name);

    public static async Task<int> PartnerAsync(this AuditActorFixture db)
    {
        var name = $"Партнёр {Unique()}";
        var result = await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(null, null, name, $"ООО «{name}»", "Анна", true));
        result.Saved.Should().BeTrue();
        return result.PartnerId!.Value;
    }

    public static async Task<PartnerDetails> PartnerDetailsAsync(this AuditActorFixture db, int id) => (await db.SendAsync<PartnerDetails?>(new GetPartnerQuery(id)))!;

    public static async Task<int> ShopAsync(this AuditActorFixture db, int partnerId, string name)
    {
        var manager = await db.IdOfAsync("manager@club.demo");
        await db.OkAsync(new SaveShopCommand(partnerId, null, null, name, "Москва", "ул. Тестовая, 1", null, true, manager));
        return (await db.PartnerDetailsAsync(partnerId)).Shops.Single(s => s.Name == name).Id;
    }

    /// <summary>A seller at a new shop of <paramref name="partnerId"/>.</summary>
    public static async Task<Guid> SellerAsync(this AuditActorFixture db, int partnerId, SellerStatus status = SellerStatus.Active) =>
        (await TestTags.CreateSellerAsync(db.Services, partnerId, await db.ShopAsync(partnerId, $"Магазин {Unique()}"), status)).Id;
}
