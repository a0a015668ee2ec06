using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Brand;
using Club.Application.Features.Collector;
using Club.Application.Features.Members;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Partners;
using Club.Application.Features.Points;
using Club.Application.Features.Products;
using Club.Application.Features.Referrals;
using Club.Application.Features.Sales;
using Club.Application.Features.Sellers;
using Club.Application.Features.Staff;
using Club.Application.Features.Tags;
using Club.Application.Features.Verification;
using Club.Application.Features.Welcome;
using Club.Domain.Members;
using Club.Domain.PartnerApi;
using Club.Domain.Points;
using Club.Domain.Products;
using Club.Domain.Tags;
using Club.Domain.Welcome;
using Club.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Audit.AuditAssert;
using static Club.Application.Tests.Features.Audit.AuditTestKit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>
/// Each back-office action through its handler, then its audit row: the entity, the actor and the old and
/// new values of what changed (secrets never). docs/security.md lists the actions.
/// </summary>
[Collection(AuditedActions.Name)]
public class AuditedActionsTests(AuditActorFixture db)
{
    [Fact]
    public async Task A_product_is_logged_with_its_values_when_created_and_with_old_and_new_when_edited()
    {
        var sku = $"AUD-{Unique()}";
        var created = await db.SendAsync<SaveProductResult>(
            new SaveProductCommand(null, null, sku, "Кольцо «Аудит»", "Audit ring", "Классика", "Ring", "Золото 585", null, null, 12500m, true));
        var product = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(created.ProductId!.Value)))!;
        await db.SendAsync<SaveProductResult>(new SaveProductCommand(
            product.Id, product.Version, sku, "Кольцо «Аудит-2»", "Audit ring", "Классика", "Ring", "Золото 585", "Топаз", null, 13000m, false));

        var id = Id(product.Id);
        var create = await RowAsync(db, "product.create", "product", id);
        Created(create, "sku", sku);
        Created(create, "recommendedPrice", 12500m);
        var update = await RowAsync(db, "product.update", "product", id);
        Changed(update, "name", "Кольцо «Аудит»", "Кольцо «Аудит-2»");
        Changed(update, "stone", null, "Топаз");
        Changed(update, "recommendedPrice", 12500m, 13000m);
        Changed(update, "isActive", true, false);
        Changed(update, "sku", sku, sku);
    }

    [Fact]
    public async Task A_catalogue_import_is_logged_with_the_updated_products_old_and_new_values_and_the_created_skus()
    {
        var (sku, added) = ($"AUD-{Unique()}", $"AUD-{Unique()}");
        (await db.SendAsync<SaveProductResult>(new SaveProductCommand(null, null, sku, "Кольцо «Импорт»", null, "Классика", "Ring", "Золото 585", null, null, 9000m, true)))
            .ProductId.Should().NotBeNull();
        var csv = "sku;name_ru;name_en;collection;category;metal;stone;description;recommended_price;active\r\n"
                  + $"{sku};Кольцо «Импорт-2»;;Классика;Ring;Золото 585;;;9500;да\r\n"
                  + $"{added};Новое кольцо;;Классика;Ring;Золото 585;;;;да\r\n";

        (await db.SendAsync<ImportReport>(new ImportProductsCommand(System.Text.Encoding.UTF8.GetBytes(csv), Apply: true, SkipRefused: false))).Applied.Should().BeTrue();

        var row = await RowAsync(db, "product.import", "product", "import");
        Changed(row, $"products.{sku}.name", "Кольцо «Импорт»", "Кольцо «Импорт-2»");
        Changed(row, $"products.{sku}.recommendedPrice", 9000m, 9500m);
        After(row, "created", new[] { added });
        After(row, "updated", new[] { sku });
    }

    [Fact]
    public async Task Product_photos_and_the_brand_logo_are_logged_with_their_old_and_new_place_and_version()
    {
        var created = await db.SendAsync<SaveProductResult>(
            new SaveProductCommand(null, null, $"AUD-{Unique()}", "Серьги «Аудит»", null, "Классика", "Ring", "Золото 585", null, null, null, true));
        var productId = created.ProductId!.Value;
        await OkAsync(new AddProductPhotoCommand(productId, TestImages.Jpeg()));
        await OkAsync(new AddProductPhotoCommand(productId, TestImages.Png()));
        var photos = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(productId)))!.Photos.OrderBy(p => p.Position).ToList();
        await OkAsync(new ChangeProductPhotoCommand(productId, photos[1].Id, MakeMain: true));
        await OkAsync(new ChangeProductPhotoCommand(productId, photos[0].Id, MakeMain: false));
        await OkAsync(new SaveBrandCommand("Бренд", "hello@brand.example", null));
        await OkAsync(new SaveBrandLogoCommand(TestImages.Png(200, 60)));
        var firstLogo = AfterValue(await RowAsync(db, "brand.logo", "brand", "1"), "version").Trim('"');
        await OkAsync(new SaveBrandLogoCommand(TestImages.Png(240, 60)));

        var added = await RowAsync(db, "product.photo-add", "product", Id(productId));
        Created(added, "width", 64);
        Created(added, "height", 48);
        var main = await RowAsync(db, "product.photo-main", "product", Id(productId));
        Changed(main, "photoId", photos[1].Id, photos[1].Id);
        Changed(main, "position", 1, 0);
        Removed(await RowAsync(db, "product.photo-remove", "product", Id(productId)), "photoId", photos[0].Id);
        var logo = await RowAsync(db, "brand.logo", "brand", "1");
        Changed(logo, "version", firstLogo, (int.Parse(firstLogo, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_reference_list_entry_is_logged_when_created_and_renamed()
    {
        var code = $"Камень {Unique()}";
        (await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Stone, code, code, "Stone", true, IsNew: true))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new SaveCatalogueTermCommand(CatalogueList.Stone, code, code + " синий", "Blue stone", false, IsNew: false))).Succeeded.Should().BeTrue();

        var id = $"{CatalogueList.Stone}/{code}";
        Created(await RowAsync(db, "catalogue-term.create", "catalogue-term", id), "nameEn", "Stone");
        var update = await RowAsync(db, "catalogue-term.update", "catalogue-term", id);
        Changed(update, "nameRu", code, code + " синий");
        Changed(update, "nameEn", "Stone", "Blue stone");
        Changed(update, "isActive", true, false);
    }

    [Fact]
    public async Task A_partner_and_a_shop_are_logged_when_created_and_edited_and_a_closed_shops_sellers_moves_too()
    {
        var partner = await PartnerAsync();
        var manager = await db.IdOfAsync("manager@club.demo");
        var (closing, staying) = (await ShopAsync(partner, "Магазин 1"), await ShopAsync(partner, "Магазин 2"));
        var seller = await SellerAsync(partner, closing, SellerStatus.Active);
        var shop = (await DetailsAsync(partner)).Shops.Single(s => s.Id == closing);
        (await db.SendAsync<Result>(new SaveShopCommand(partner, shop.Id, shop.Version, shop.Name, "Казань", shop.Street, "+7 843 000-00-00", false, manager,
            ClosingShopSellers.Move, staying))).Succeeded.Should().BeTrue();
        var details = await DetailsAsync(partner);
        (await db.SendAsync<SavePartnerResult>(new SavePartnerCommand(partner, details.Version, details.Name, "ООО «Новое имя»", "Ольга", false))).Saved.Should().BeTrue();

        Created(await RowAsync(db, "partner.create", "partner", Id(partner)), "legalName", $"ООО «{details.Name}»");
        var partnerUpdate = await RowAsync(db, "partner.update", "partner", Id(partner));
        Changed(partnerUpdate, "legalName", $"ООО «{details.Name}»", "ООО «Новое имя»");
        Changed(partnerUpdate, "contact", "Анна", "Ольга");
        Changed(partnerUpdate, "isActive", true, false);
        Created(await RowAsync(db, "shop.create", "shop", Id(closing)), "city", "Москва");
        var shopUpdate = await RowAsync(db, "shop.update", "shop", Id(closing));
        Changed(shopUpdate, "city", "Москва", "Казань");
        Changed(shopUpdate, "phone", null, "+7 843 000-00-00");
        Changed(shopUpdate, "isActive", true, false);
        var moved = await RowAsync(db, "seller.shop", "seller", seller.ToString());
        Changed(moved, "shopId", closing, staying);
        moved.MemberId.Should().Be(seller);
    }

    [Fact]
    public async Task A_partner_budget_top_up_is_logged_with_the_budget_before_and_after()
    {
        var partner = await PartnerAsync();
        (await db.SendAsync<Result>(new TopUpPartnerBudgetCommand(Guid.NewGuid(), partner, 300))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new TopUpPartnerBudgetCommand(Guid.NewGuid(), partner, 200))).Succeeded.Should().BeTrue();

        var row = await RowAsync(db, "partner.budget-top-up", "partner", Id(partner));
        Changed(row, "budget", 300, 500);
        After(row, "points", 200);
    }

    [Fact]
    public async Task An_api_key_is_logged_without_its_secret_when_created_and_revoked()
    {
        var partner = await PartnerAsync();
        var created = await db.SendAsync<CreateApiKeyResult>(new CreateApiKeyCommand(partner, "Касса 1", ApiScopes.ReadTags, null, 1000, Guid.Empty));
        created.Key.Should().NotBeNullOrEmpty();
        (await db.SendAsync<Result>(new RevokeApiKeyCommand(created.KeyId!.Value))).Succeeded.Should().BeTrue();

        var create = await RowAsync(db, "api-key.create", "api-key", Id(created.KeyId.Value));
        Created(create, "name", "Касса 1");
        Created(create, "partnerId", partner);
        HasNoSecret(create, created.Key!);
        var revoke = await RowAsync(db, "api-key.revoke", "api-key", Id(created.KeyId.Value));
        Before(revoke, "revokedAt", null);
        AfterValue(revoke, "revokedAt").Should().NotBe("null");
        HasNoSecret(revoke, created.Key!);
    }

    [Fact]
    public async Task Staff_invitation_reinvitation_role_change_deactivation_and_reactivation_are_logged_without_the_invitation_code()
    {
        var email = $"audit-staff-{Unique()}@example.com";
        (await db.SendAsync<Result>(new InviteStaffCommand(email, "Фёдор Аудитов", Roles.FactoryStaff, null))).Succeeded.Should().BeTrue();
        var user = await db.IdOfAsync(email);
        var firstCode = await InvitationCodeAsync(user);
        await OkAsync(new ResendStaffInvitationCommand(user));
        (await db.SendAsync<Result>(new ChangeStaffRoleCommand(user, Roles.ProgramManager, null))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new SetStaffActiveCommand(user, false))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new SetStaffActiveCommand(user, true))).Succeeded.Should().BeTrue();

        var id = user.ToString();
        var invite = await RowAsync(db, "staff.invite", "staff", id);
        Created(invite, "role", Roles.FactoryStaff);
        (invite.MemberId, invite.PersonalValue).Should().Be((user, email), "the email is a personal value, erasable with the account");
        HasNoSecret(invite, firstCode);
        var reinvite = await RowAsync(db, "staff.reinvite", "staff", id);
        Changed(reinvite, "role", Roles.FactoryStaff, Roles.FactoryStaff);
        Changed(reinvite, "active", true, true);
        AfterValue(reinvite, "invitedAt").Should().NotBe("null");
        reinvite.PersonalValue.Should().Be(email);
        HasNoSecret(reinvite, firstCode, await InvitationCodeAsync(user));
        Changed(await RowAsync(db, "staff.role", "staff", id), "role", Roles.FactoryStaff, Roles.ProgramManager);
        Changed(await RowAsync(db, "staff.deactivate", "staff", id), "active", true, false);
        Changed(await RowAsync(db, "staff.reactivate", "staff", id), "active", false, true);
    }

    [Fact]
    public async Task Programme_settings_are_logged_with_their_old_and_new_values()
    {
        await OkAsync(new SavePointsPolicyCommand("tests", 24, 30, 7));
        await OkAsync(new SavePointsPolicyCommand("tests", 18, 14, 7));
        await OkAsync(new SaveSalesPolicyCommand("tests", 14, 500, 3));
        await OkAsync(new SaveSalesPolicyCommand("tests", 10, 400, 3));
        await OkAsync(new SaveScanAlertSettingsCommand(10, 20, 5, true, 3, 24));
        await OkAsync(new SaveScanAlertSettingsCommand(12, 20, 5, false, 3, 24));
        await OkAsync(new SaveWelcomeBonusSettingsCommand("tests", new WelcomeBonusView(true, 100, 6, WelcomeBonusTrigger.PhoneConfirmed, "Бонус", "Bonus")));
        await OkAsync(new SaveWelcomeBonusSettingsCommand("tests", new WelcomeBonusView(true, 150, 6, WelcomeBonusTrigger.PhoneConfirmed, "Бонус", "Bonus")));
        await OkAsync(new SaveReferralSettingsCommand("tests", new ReferralSettingsView(true, 120, 60, 5)));
        await OkAsync(new SaveReferralSettingsCommand("tests", new ReferralSettingsView(false, 100, 60, 5)));
        await OkAsync(new SaveCollectorSettingsCommand("tests", true, "Коллекционер", "Collector", 100_000m, 1.5m, [24, 6]));
        await OkAsync(new SaveCollectorSettingsCommand("tests", true, "Ценитель", "Connoisseur", 100_000m, 2m, [10]));
        await OkAsync(new SaveBrandCommand("Бренд 1", "hello@brand.example", null));
        await OkAsync(new SaveBrandCommand("Бренд 2", "hello@brand.example", "+7 495 000-00-00"));

        var policy = await RowAsync(db, "points.policy", "points-policy", "1");
        Changed(policy, "lifetimeMonths", 24, 18);
        Changed(policy, "expiryReminderDays", 30, 14);
        var sales = await RowAsync(db, "sales-policy.save", "sales-policy", "1");
        Changed(sales, "windowDays", 14, 10);
        Changed(sales, "dailyCap", 500, 400);
        var alerts = await RowAsync(db, "scan-alert.settings", "scan-alert-settings", "1");
        Changed(alerts, "clonedLabelVisitors", 10, 12);
        Changed(alerts, "dailyDigest", true, false);
        Changed(await RowAsync(db, "welcome.settings", "welcome-bonus-settings", "1"), "points", 100, 150);
        var referrals = await RowAsync(db, "referrals.settings", "referral-settings", "1");
        Changed(referrals, "enabled", true, false);
        Changed(referrals, "referrerPoints", 120, 100);
        var collector = await RowAsync(db, "collector.settings", "collector-settings", "1");
        Changed(collector, "name", "Коллекционер", "Ценитель");
        Changed(collector, "multiplier", 1.5m, 2m);
        Changed(collector, "couponPercents", new[] { 24, 6 }, new[] { 10 });
        var brand = await RowAsync(db, "brand.update", "brand", "1");
        Changed(brand, "name", "Бренд 1", "Бренд 2");
        Changed(brand, "supportPhone", null, "+7 495 000-00-00");
    }

    [Fact]
    public async Task A_batch_is_logged_when_created_and_with_its_old_and_new_state()
    {
        var (batchId, _) = await TestTags.CreateBatchAsync(db.Services, 1, "AQ-SEA-R01", onSale: false);
        (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, TagBatchState.Printed))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, TagBatchState.Shipped, "Лазурит"))).Succeeded.Should().BeTrue();

        var create = await RowAsync(db, "batch.create", "tag-batch", Id(batchId));
        Created(create, "sku", "AQ-SEA-R01");
        Created(create, "quantity", 1);
        var printed = await RowAsync(db, "batch.state", "tag-batch", Id(batchId));
        Changed(printed, "state", TagBatchState.Printed, TagBatchState.Shipped);
        Before(printed, "partnerId", null);
        AfterValue(printed, "partnerId").Should().NotBe("null");
    }

    [Fact]
    public async Task Member_desk_actions_are_logged_with_the_member_and_what_changed()
    {
        var (member, _) = await TestTags.CreateBuyerAsync(db.Services);
        var staff = await db.IdOfAsync("admin@club.demo");
        var adjustment = Guid.NewGuid();
        (await db.SendAsync<AdjustPointsResult>(new AdjustPointsCommand(adjustment, member, 150, AdjustmentReason.Goodwill, "Lost in the outage", true, staff, true)))
            .Error.Should().BeNull();
        (await db.SendAsync<SetMemberActiveResult>(new SetMemberActiveCommand(member, false, "Перепродаёт баллы", staff))).Error.Should().BeNull();

        var adjusted = await RowAsync(db, "points.adjust", PointsAdjustment.ReferenceType, adjustment.ToString("D"));
        Created(adjusted, "amount", 150);
        Created(adjusted, "comment", "Lost in the outage");
        adjusted.MemberId.Should().Be(member);
        var deactivated = await RowAsync(db, "member.deactivate", "member", member.ToString());
        Changed(deactivated, "active", true, false);
        After(deactivated, "reason", "Перепродаёт баллы");
        deactivated.MemberId.Should().Be(member);
    }

    [Fact]
    public async Task A_seller_decision_is_logged_with_the_old_and_new_status()
    {
        var partner = await PartnerAsync();
        var manager = await db.IdOfAsync("manager@club.demo");
        var seller = await db.SellerAsync(partner, SellerStatus.Pending);

        (await db.SendAsync<Result>(new DecideSellerCommand(seller, SellerStatus.Active, "called, works there", manager))).Succeeded.Should().BeTrue();

        var row = await RowAsync(db, "seller.decision", "seller", seller.ToString());
        Changed(row, "status", SellerStatus.Pending, SellerStatus.Active);
        row.MemberId.Should().Be(seller);
    }

    private Task OkAsync(global::Mediator.IMessage command) => db.OkAsync(command);

    private Task<int> PartnerAsync() => db.PartnerAsync();

    private Task<PartnerDetails> DetailsAsync(int id) => db.PartnerDetailsAsync(id);

    private Task<int> ShopAsync(int partnerId, string name) => db.ShopAsync(partnerId, name);

    private async Task<Guid> SellerAsync(int partnerId, int shopId, SellerStatus status) =>
        (await TestTags.CreateSellerAsync(db.Services, partnerId, shopId, status)).Id;

    private async Task<string> InvitationCodeAsync(Guid userId)
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        var mail = await context.MailOutbox.Where(m => m.MemberId == userId && m.Template == StaffInvitations.Template).OrderByDescending(m => m.Id).FirstAsync();
        var code = QueryHelpers.ParseQuery(new Uri(mail.Values["Link"]).Query)["code"].ToString();
        code.Should().NotBeEmpty();
        return code;
    }
}
