using Club.Application.Abstractions;
using Club.Application.Features.Collector;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Partners;
using Club.Application.Features.Promotions;
using Club.Application.Features.Registration;
using Club.Application.Features.Staff;
using Club.Application.Tests.Features.Catalog;
using Club.Domain.Members;
using Club.Domain.PartnerApi;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Audit.AuditAssert;
using static Club.Application.Tests.Features.Audit.AuditTestKit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>What staff do for partners (webhooks, bonuses, promotions): each audit row with the values before and after.</summary>
[Collection(AuditedActions.Name)]
public class AuditedPartnerTests(AuditActorFixture db)
{
    [Fact]
    public async Task A_webhook_is_logged_without_its_secret_when_added_replayed_resumed_and_removed()
    {
        var partner = await db.PartnerAsync();
        var added = await db.SendAsync<AddWebhookEndpointResult>(new AddWebhookEndpointCommand(partner, "https://hooks.example/club", WebhookEvents.SaleConfirmed));
        added.Added.Should().BeTrue();
        var paused = new DateTimeOffset(2026, 11, 2, 3, 4, 5, TimeSpan.Zero);
        int endpoint;
        long delivery;
        await using (var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync())
        {
            endpoint = await context.WebhookEndpoints.Where(e => e.PartnerId == partner).Select(e => e.Id).SingleAsync();
            var sent = new WebhookDelivery { EndpointId = endpoint, Event = "sale.confirmed", Payload = "{}", CreatedAt = paused, NextAttemptAt = paused, State = WebhookDeliveryState.Delivered };
            context.WebhookDeliveries.Add(sent);
            await context.SaveChangesAsync();
            delivery = sent.Id;
        }

        await db.OkAsync(new ReplayWebhookDeliveryCommand(delivery));
        await db.WithScopeAsync<IClubDbFactory, int>(async factory =>
        {
            await using var context = await factory.CreateAsync();
            return await context.Database.ExecuteSqlAsync($"UPDATE webhook_endpoints SET paused_at = {paused}, failing_since = {paused} WHERE id = {endpoint}");
        });
        await db.OkAsync(new ChangeWebhookEndpointCommand(endpoint, WebhookEndpointChange.Resume));
        await db.OkAsync(new ChangeWebhookEndpointCommand(endpoint, WebhookEndpointChange.Remove));

        var add = await RowAsync(db, "webhook.add", "webhook", Id(endpoint));
        Created(add, "url", "https://hooks.example/club");
        Created(add, "events", "SaleConfirmed");
        HasNoSecret(add, added.Secret!);
        var copy = await db.WithScopeAsync<IClubDbFactory, long>(async factory =>
        {
            await using var context = await factory.CreateAsync();
            return await context.WebhookDeliveries.Where(d => d.EndpointId == endpoint && d.Id != delivery).Select(d => d.Id).SingleAsync();
        });
        Created(await RowAsync(db, "webhook.replay", "webhook-delivery", Id(delivery)), "replay", copy);
        var resume = await RowAsync(db, "webhook.resume", "webhook", Id(endpoint));
        Changed(resume, "pausedAt", paused, null);
        Changed(resume, "failingSince", paused, null);
        var remove = await RowAsync(db, "webhook.remove", "webhook", Id(endpoint));
        Before(remove, "removedAt", null);
        AfterValue(remove, "removedAt").Should().NotBe("null");
        foreach (var row in new[] { resume, remove })
        {
            HasNoSecret(row, added.Secret!);
        }
    }

    [Fact]
    public async Task A_partner_bonus_is_logged_with_the_budget_before_and_after_and_the_seller()
    {
        var partner = await db.PartnerAsync();
        var email = $"audit-partner-{Unique()}@example.com";
        await db.OkAsync(new InviteStaffCommand(email, "Менеджер партнёра", Roles.PartnerManager, partner));
        var manager = await db.IdOfAsync(email);
        var seller = await db.SellerAsync(partner);
        await db.OkAsync(new TopUpPartnerBudgetCommand(Guid.NewGuid(), partner, 300));

        await db.OkAsync(new AwardPartnerBonusCommand(Guid.NewGuid(), manager, seller, 120));

        var row = await RowAsync(db, "partner.bonus", "partner", Id(partner));
        Changed(row, "budget", 300, 180);
        After(row, "points", 120);
        row.MemberId.Should().Be(seller);
    }

    [Fact]
    public async Task A_collector_coupon_redeemed_by_a_partners_staff_is_logged_with_when_it_was_redeemed()
    {
        const string ring = "AQ-SEA-R01";
        await db.QueryAsync(c => c.Database.ExecuteSqlAsync($"UPDATE products SET recommended_price = 6000 WHERE sku = {ring}"));
        await db.OkAsync(new SaveCollectorSettingsCommand("tests", true, "Коллекционер", "Collector", 6_000m, 1.5m, [24]));
        var holder = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var tag = (await TestTags.CreateBatchAsync(db.Services, 1, ring)).Tags[0];
        (await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(holder, tag.Serial, tag.ScratchCode))).Outcome.Should().Be(RegistrationOutcome.Registered);
        await db.SendAsync<bool>(new OpenCollectorBenefitsCommand(holder));
        var code = (await db.SendAsync<CollectorStatusView?>(new GetCollectorStatusQuery(holder)))!.Coupons.Single().Code;
        var partner = await db.PartnerAsync();
        var staff = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.QueryAsync(c => c.Database.ExecuteSqlAsync($"UPDATE members SET partner_id = {partner} WHERE id = {staff}"));

        (await db.SendAsync<CouponRedemption>(new RedeemCollectorCouponCommand(new CouponDesk(staff), code))).Redeemed.Should().BeTrue();

        var row = await RowAsync(db, "collector.coupon.redeem", "collector-coupon", code);
        Before(row, "redeemedAt", null);
        AfterValue(row, "redeemedAt").Should().NotBe("null");
        After(row, "percent", 24);
        After(row, "partnerId", partner);
    }

    [Fact]
    public async Task A_promotion_is_logged_with_its_terms_when_created_and_with_its_old_and_new_end_when_ended()
    {
        var title = $"Акция {Unique()}";
        var (starts, ends) = (DateTimeOffset.UtcNow.AddDays(-1), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await db.OkAsync(new CreatePromotionCommand("tests", title, null, "Классика", null, starts, ends, 50, 1.5m));
        int id;
        await using (var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync())
        {
            id = await context.Promotions.Where(p => p.Title == title).Select(p => p.Id).SingleAsync();
        }

        await db.OkAsync(new EndPromotionCommand(id));

        var create = await RowAsync(db, "promotion.create", "promotion", Id(id));
        Created(create, "title", title);
        Created(create, "collection", "Классика");
        Created(create, "extraPoints", 50);
        Created(create, "multiplier", 1.5m);
        Created(create, "endsAt", ends);
        var end = await RowAsync(db, "promotion.end", "promotion", Id(id));
        Before(end, "endsAt", ends);
        AfterValue(end, "endsAt").Should().NotBe(AfterValue(create, "endsAt"), "the promotion ends now");
    }
}
