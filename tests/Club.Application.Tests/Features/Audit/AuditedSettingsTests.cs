using Club.Application.Features.Activities;
using Club.Application.Features.Points;
using Club.Application.Features.Tiers;
using Club.Domain.Points;
using Club.Domain.Tiers;
using static Club.Application.Tests.Features.Audit.AuditAssert;

namespace Club.Application.Tests.Features.Audit;

/// <summary>Programme rules saved by a program manager: the audit row holds each changed value before and after.</summary>
[Collection(AuditedActions.Name)]
public class AuditedSettingsTests(AuditActorFixture db)
{
    [Fact]
    public async Task Points_rules_are_logged_with_each_changed_rule_before_and_after()
    {
        var none = new Dictionary<int, int?>();
        await db.OkAsync(new SavePointsRulesCommand("tests", 200, new Dictionary<string, int?> { ["Классика"] = 40 }, none, SellerSalePoints: 30));
        await db.OkAsync(new SavePointsRulesCommand("tests", 250, new Dictionary<string, int?> { ["Классика"] = null }, none, SellerSalePoints: 30));

        var row = await RowAsync(db, "points.rules", "points-rules", "all");
        ChangedItem(row, "", "kind", PointsRuleKind.FirstItemBonus, "points", 200, 250);
        ChangedItem(row, "", "collection", "Классика", "points", 40, null);
    }

    [Fact]
    public async Task Activity_settings_are_logged_with_the_links_and_points_before_and_after()
    {
        var current = await db.SendAsync<ActivitySettingsView>(new GetActivitySettingsQuery());
        await db.OkAsync(new SaveActivitySettingsCommand("tests", current with { VkUrl = "https://vk.com/club", BuyerProfile = 200, SocialAutoApprove = false }));
        await db.OkAsync(new SaveActivitySettingsCommand("tests", current with { VkUrl = "https://vk.com/club2", BuyerProfile = 250, SocialAutoApprove = true }));

        var row = await RowAsync(db, "activities.settings", "activity-settings", "1");
        Changed(row, "settings.vkUrl", "https://vk.com/club", "https://vk.com/club2");
        Changed(row, "settings.socialAutoApprove", false, true);
        Changed(row, "points.BuyerProfile", 200, 250);
    }

    [Fact]
    public async Task The_tier_ladder_is_logged_whole_before_and_after()
    {
        await db.OkAsync(new SaveTiersCommand("tests", TierMeasure.PointsEarned, [new("Аквамарин", "Aquamarine", 500, 1m), new("Сапфир", "Sapphire", 2000, 1.1m)]));
        await db.OkAsync(new SaveTiersCommand("tests", TierMeasure.ItemsRegistered, [new("Аквамарин", "Aquamarine", 2, 1m), new("Изумруд", "Emerald", 5, 1.2m)]));

        var row = await RowAsync(db, "tiers.settings", "tier-settings", "1");
        Changed(row, "measure", TierMeasure.PointsEarned, TierMeasure.ItemsRegistered);
        ChangedItem(row, "tiers", "level", 1, "threshold", 500, 2);
        ChangedItem(row, "tiers", "level", 2, "name", "Сапфир", "Изумруд");
        ChangedItem(row, "tiers", "level", 2, "multiplier", 1.1m, 1.2m);
    }
}
