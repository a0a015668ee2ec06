using Club.Domain.Members;

namespace Club.Web.Components.Layout;

/// <summary>One link of the main menu and the roles it is shown to (any of them).</summary>
public sealed record MenuLink(string Href, string Text, params string[] Roles);

/// <summary>A group of menu links for one task; its title is a UI string key.</summary>
public sealed record MenuGroup(string Title, IReadOnlyList<MenuLink> Links);

/// <summary>
/// The main menu, grouped by task rather than by page, so a manager finds "people", "points and gifts"
/// or "reports" without reading every link. A new page adds one line to the group of its task.
/// </summary>
public static class SiteMenu
{
    private const string Members = Roles.Buyer + "," + Roles.Seller;

    public static IReadOnlyList<MenuGroup> Groups { get; } =
    [
        new("Me", [
            new("/cabinet", "My cabinet", [.. Roles.All]),
            new("/cabinet/items", "My items", Roles.Buyer),
            new("/cabinet/points", "My points", Members),
            new("/cabinet/orders", "My orders", Members),
            new("/cabinet/news", "News and offers", Members),
            new("/cabinet/privacy", "My data", Members),
        ]),
        new("Points and gifts", [
            new("/gifts", "Gifts", Members),
            new("/activities", "Earn points", Members),
            new("/charity", "Charity", Members),
            new("/cabinet/invite", "Invite a friend", Members),
        ]),
        new("Work in the shop", [
            new("/seller/sales", "Register a sale", Roles.Seller),
            new("/seller/leaderboard", "Leaderboard", Roles.Seller),
            new("/training", "Training", Roles.Seller),
            new("/partner/shops", "My shops", Roles.PartnerManager),
            new("/partner/sellers", "My sellers", Roles.PartnerManager),
            new("/partner/bonuses", "Bonuses for my sellers", Roles.PartnerManager),
            new("/partner/orders", "Gift pick-ups", Roles.PartnerManager),
            new("/manage/surveys", "Surveys of my buyers", Roles.PartnerManager),
            new("/partner/coupons", "Check a coupon", Roles.Seller + "," + Roles.PartnerManager),
        ]),
        new("People", [
            new("/manage/members", "Members", Roles.BrandStaff),
            new("/manage/sellers", "Sellers", Roles.BrandStaff),
            new("/manage/leaderboard", "Leaderboard prizes", Roles.BrandStaff),
            new("/manage/sales-review", "Sales to review", Roles.BrandStaff + "," + Roles.PartnerManager),
            new("/manage/partners", "Partners and shops", Roles.BrandStaff),
            new("/manage/staff", "Staff", Roles.Admin),
        ]),
        new("Loyalty program", [
            new("/manage/points-rules", "Points rules", Roles.BrandStaff),
            new("/manage/adjustments", "Corrections to approve", Roles.Admin),
            new("/manage/liability", "Points liability", Roles.BrandStaff),
            new("/manage/activities", "Activities", Roles.BrandStaff),
            new("/manage/collector", "Collector status", Roles.BrandStaff),
            new("/manage/tiers", "Tiers", Roles.BrandStaff),
            new("/manage/gifts", "Gift catalog", Roles.BrandStaff),
            new("/manage/orders", "Gift orders", Roles.BrandStaff),
            new("/manage/courses", "Courses", Roles.BrandStaff + "," + Roles.PartnerManager),
        ]),
        new("Products and tags", [
            // Brand staff edit the catalogue; factory staff only look products up.
            new("/manage/products", "Products", Roles.BrandStaff),
            new("/products", "Products", Roles.FactoryStaff),
            new("/manage/catalogue", "Reference lists", Roles.BrandStaff),
            new("/factory", "Tag batches", Roles.FactoryStaff + "," + Roles.Admin),
            new("/manage/tag-reports", "Tag reports", Roles.BrandStaff + "," + Roles.PartnerManager),
            new("/manage/scan-alerts", "Scan alerts", Roles.BrandStaff + "," + Roles.PartnerManager),
        ]),
        new("Reports and system", [
            new("/reports", "Reports", Club.Web.Reports.ReportAccess.Viewers),
            new("/manage/jobs", "Scheduled jobs", Roles.BrandStaff),
            new("/manage/audit", "Audit log", Roles.BrandStaff),
            new("/manage/api-keys", "API keys", Roles.BrandStaff),
            new("/manage/webhooks", "Webhooks", Roles.BrandStaff),
            new("/manage/legal", "Rules and privacy policy", Roles.BrandStaff),
            new("/manage/brand", "Brand settings", Roles.Admin),
        ]),
    ];

    /// <summary>The groups with only the links one of <paramref name="isInRole"/>'s roles may open; empty groups are left out.</summary>
    public static IReadOnlyList<MenuGroup> For(Func<string, bool> isInRole) =>
        Groups.Select(group => group with { Links = group.Links.Where(link => link.Roles.Any(roles => roles.Split(',').Any(isInRole))).ToList() })
            .Where(group => group.Links.Count > 0)
            .ToList();
}
