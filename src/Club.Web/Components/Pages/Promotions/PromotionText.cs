using System.Globalization;
using Club.Web.Localization;
using Microsoft.Extensions.Localization;
using Club.Application.Features.Promotions;

namespace Club.Web.Components.Pages.Promotions;

/// <summary>
/// A promotion in words: what it gives and on which items. Values go through the localizer (not string.Format)
/// so its plural forms ("+1 балл", "+5 баллов") are chosen.
/// </summary>
internal static class PromotionText
{
    public static string Describe(IStringLocalizer<SharedResource> l, PromotionRow p)
    {
        var bonus = new List<string>();
        if (p.ForSellers)
        {
            bonus.Add(l["For sellers"]);
        }

        if (p.ExtraPoints > 0)
        {
            bonus.Add(l[p.ForSellers ? "+{0} points per sale" : "+{0} points per item", p.ExtraPoints]);
        }

        if (p.Multiplier > 1m)
        {
            bonus.Add(l["points ×{0}", p.Multiplier.ToString("0.##", CultureInfo.CurrentCulture)]);
        }

        var scope = new List<string>();
        if (p.ProductName is not null)
        {
            scope.Add(p.ProductName);
        }

        if (p.Collection is not null)
        {
            scope.Add(l["collection {0}", p.Collection]);
        }

        if (p.Category is { } category)
        {
            // Categories added by the brand have no UI string: their code is shown.
            var name = l["Category:" + category];
            scope.Add(name.ResourceNotFound ? category : name.Value);
        }

        if (p.PartnerName is not null)
        {
            scope.Add(l[p.ForSellers ? "sellers of {0}" : "items from {0}", p.PartnerName]);
        }

        return string.Join(", ", bonus) + (scope.Count == 0 ? "" : " — " + string.Join(", ", scope));
    }
}
