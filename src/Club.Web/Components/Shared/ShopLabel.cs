namespace Club.Web.Components.Shared;

/// <summary>
/// "Partner — shop" for display, without saying the partner twice when the shop's own name already
/// starts with it ("Лазурит — ТЦ Европейский", not "Лазурит — Лазурит — ТЦ Европейский").
/// </summary>
public static class ShopLabel
{
    public static string Of(string? partnerName, string? shopName) =>
        string.IsNullOrWhiteSpace(partnerName) ? shopName ?? ""
        : string.IsNullOrWhiteSpace(shopName) ? partnerName
        : shopName.StartsWith(partnerName, StringComparison.OrdinalIgnoreCase) ? shopName
        : $"{partnerName} — {shopName}";
}
