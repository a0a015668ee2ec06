using Club.Web.Components.Shared;

namespace Club.Web.Tests.Localization;

public class ShopLabelTests
{
    [Theory]
    [InlineData("Лазурит", "Лазурит — ТЦ Европейский", "Лазурит — ТЦ Европейский")]
    [InlineData("Лазурит", "ТЦ Европейский", "Лазурит — ТЦ Европейский")]
    [InlineData("Лазурит", null, "Лазурит")]
    [InlineData(null, "ТЦ Европейский", "ТЦ Европейский")]
    public void The_partner_is_named_once(string? partner, string? shop, string expected) =>
        ShopLabel.Of(partner, shop).Should().Be(expected);
}
