using Club.Application.Features.Registration;
using Club.Application.Features.Points;
using Club.Application.Features.Sales;
using Club.Application.Features.Sellers;
using Club.Domain.Members;
using Club.Domain.Verification;
using Club.Testing;

namespace Club.Application.Tests.Features.Sales;

/// <summary>Sellers, tags on sale at their partner and the readings the sales tests share.</summary>
internal static class SalesTestKit
{
    public static Task<RecordSaleResult> RecordAsync(this DatabaseFixture db, (Guid Id, string PartnerName) seller, string serial) =>
        db.SendAsync<RecordSaleResult>(new RecordSaleCommand(seller.Id, serial));

    /// <summary>Registers the tag for the buyer (a new one unless given) and returns the buyer's id.</summary>
    public static async Task<Guid> RegisterAsync(this DatabaseFixture db, PrintedTag tag, Guid? buyer = null)
    {
        var id = buyer ?? (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(id, tag.Serial, tag.ScratchCode))).Outcome.Should().Be(RegistrationOutcome.Registered);
        return id;
    }

    public static async Task<ItemSale> ItemSaleAsync(this DatabaseFixture db, Guid buyer, string serial) =>
        (await db.SendAsync<ItemSale?>(new GetItemSaleQuery(buyer, serial)))!;

    public static async Task<int> BalanceAsync(this DatabaseFixture db, Guid member) => (await db.SendAsync<MyPoints>(new GetMyPointsQuery(member))).Balance;

    public static Task<IReadOnlyList<MySale>> SalesAsync(this DatabaseFixture db, Guid seller) => db.SendAsync<IReadOnlyList<MySale>>(new ListMySalesQuery(seller));

    /// <summary>A batch moved to Active, shipped to the seller's partner unless told otherwise.</summary>
    public static async Task<IReadOnlyList<PrintedTag>> ActiveTagsAsync(
        this DatabaseFixture db, (Guid Id, string PartnerName) seller, int quantity, string? shipTo = null, string sku = "AQ-SEA-R01")
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, quantity, sku, onSale: false);
        await TestTags.PutOnSaleAsync(db.Services, batchId, shipTo ?? seller.PartnerName);
        return tags;
    }

    /// <summary>
    /// A new seller at the first shop of the list (the same partner for every seller a test makes), or at
    /// the first shop of another partner than <paramref name="notOf"/>, or of the partner <paramref name="of"/>.
    /// </summary>
    public static async Task<(Guid Id, string PartnerName)> SellerAsync(
        this DatabaseFixture db, SellerStatus status = SellerStatus.Active, string name = "Продавец", string? notOf = null, string? of = null)
    {
        var shop = (await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery()))
            .First(s => (notOf is null || s.PartnerName != notOf) && (of is null || s.PartnerName == of));
        var (id, _) = await TestTags.CreateSellerAsync(db.Services, shop.PartnerId, shop.ShopId, status, name);
        return (id, shop.PartnerName);
    }

    /// <summary>A seller whose buyer registered as many of their items as make the last sale suspected; returns that sale and the seller.</summary>
    public static async Task<(long Sale, Guid Seller)> RepeatBuyerSuspectAsync(this DatabaseFixture db, string? notOf = null, string? of = null)
    {
        var seller = await db.SellerAsync(notOf: notOf, of: of);
        var tags = await db.ActiveTagsAsync(seller, new ScanAlertSettings().RepeatBuyerItems);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        long last = 0;
        foreach (var tag in tags)
        {
            last = (await db.RecordAsync(seller, tag.Serial)).SaleId!.Value;
            await db.RegisterAsync(tag, buyer);
        }

        return (last, seller.Id);
    }
}
