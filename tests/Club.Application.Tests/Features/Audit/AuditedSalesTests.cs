using Club.Application.Features.Partners;
using Club.Application.Features.Sales;
using Club.Application.Features.Sellers;
using Club.Application.Features.SocialClaims;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Catalog;
using Club.Application.Tests.Features.Sales;
using Club.Domain.Activities;
using Club.Domain.Members;
using Club.Domain.Sales;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Audit.AuditAssert;
using static Club.Application.Tests.Features.Audit.AuditTestKit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>Verdicts on sales, sellers' shop changes and social claims: each audit row with the state before and after.</summary>
[Collection(AuditedActions.Name)]
public class AuditedSalesTests(AuditActorFixture db)
{
    [Fact]
    public async Task A_flagged_sale_review_is_logged_with_its_flag_and_old_and_new_state()
    {
        var seller = await SalesTestKit.SellerAsync(db);
        var otherPartner = (await db.SendAsync<IReadOnlyList<string>>(new ListPartnerNamesQuery())).First(p => p != seller.PartnerName);
        var tags = await db.ActiveTagsAsync(seller, 1, shipTo: otherPartner);
        var sale = (await db.RecordAsync(seller, tags[0].Serial)).SaleId!.Value;

        await db.OkAsync(new ReviewSaleCommand(sale, Approve: false));

        var row = await RowAsync(db, "sale.review", "sale", Id(sale));
        Changed(row, "state", SaleState.Flagged, SaleState.Rejected);
        Before(row, "flag", SaleFlag.OtherPartner);
        After(row, "approved", false);
        row.MemberId.Should().Be(seller.Id);
    }

    [Fact]
    public async Task A_dispute_is_logged_with_both_claims_states_before_and_after_the_verdict()
    {
        var (first, second) = (await SalesTestKit.SellerAsync(db), await SalesTestKit.SellerAsync(db));
        var tags = await db.ActiveTagsAsync(first, 1);
        var holding = (await db.RecordAsync(first, tags[0].Serial)).SaleId!.Value;
        var disputed = await db.RecordAsync(second, tags[0].Serial);
        disputed.State.Should().Be(SaleState.Disputed);

        await db.OkAsync(new ResolveSaleDisputeCommand(disputed.SaleId!.Value, DisputerWins: true));

        var row = await RowAsync(db, "sale.dispute", "sale", Id(disputed.SaleId.Value));
        Changed(row, "state", SaleState.Disputed, SaleState.AwaitingBuyer);
        Changed(row, "holdingState", SaleState.AwaitingBuyer, SaleState.Rejected);
        Before(row, "holding", first.Id);
        After(row, "winner", second.Id);
        var states = await db.QueryAsync(c => c.Sales.Where(s => s.Id == holding || s.Id == disputed.SaleId).ToDictionaryAsync(s => s.Id, s => s.State));
        states.Should().Equal(new Dictionary<long, SaleState> { [holding] = SaleState.Rejected, [disputed.SaleId.Value] = SaleState.AwaitingBuyer });
    }

    [Fact]
    public async Task A_suspected_sale_review_is_logged_with_the_evidence_and_old_and_new_state()
    {
        var manager = await db.IdOfAsync("manager@club.demo");
        var (sale, seller) = await db.RepeatBuyerSuspectAsync();

        await db.OkAsync(new ReviewSuspectedSaleCommand(manager, sale, KeepPoints: false));

        var row = await RowAsync(db, "sale.collusion-review", "sale", Id(sale));
        Changed(row, "state", SaleState.Confirmed, SaleState.Rejected);
        Before(row, "evidence", new[] { nameof(SaleFlag.RepeatBuyer) });
        After(row, "pointsKept", false);
        row.MemberId.Should().Be(seller);
    }

    [Fact]
    public async Task A_shop_change_and_a_social_claim_decision_are_logged_with_the_old_and_new_state()
    {
        var shops = await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        var (from, to) = (shops.First(), shops.Last(s => s.PartnerId != shops.First().PartnerId));
        var (seller, _) = await TestTags.CreateSellerAsync(db.Services, from.PartnerId, from.ShopId);
        var manager = await db.IdOfAsync("manager@club.demo");
        await db.OkAsync(new RequestShopChangeCommand(seller, to.ShopId));
        var request = (await db.SendAsync<IReadOnlyList<ShopChangeRow>>(new ListShopChangeRequestsQuery(seller))).Single();
        await db.OkAsync(new DecideShopChangeCommand(request.Id, true, manager));
        await db.SetSettingsAsync(autoApprove: false, buyerSocial: 50);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.OkAsync(new ClaimSocialSubscriptionCommand(buyer, SocialNetwork.Vk, "@me"));
        var claim = await db.QueryAsync(c => c.SocialClaims.Where(x => x.MemberId == buyer).Select(x => x.Id).SingleAsync());
        await db.OkAsync(new DecideSocialClaimCommand(claim, Approve: true, "manager"));

        var moved = await RowAsync(db, "seller.shop-change", "shop-change-request", Id(request.Id));
        Changed(moved, "state", ShopChangeState.Pending, ShopChangeState.Approved);
        Changed(moved, "shopId", from.ShopId, to.ShopId);
        moved.MemberId.Should().Be(seller);
        var decided = await RowAsync(db, "social-claim.decision", "social-claim", Id(claim));
        Changed(decided, "state", SocialClaimState.Pending, SocialClaimState.Approved);
        After(decided, "points", 50);
        decided.MemberId.Should().Be(buyer);
    }
}
