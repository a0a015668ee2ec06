using System.Globalization;
using Club.Application.Localization;
using Club.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Club.Web.Tests.Localization;

/// <summary>Plural forms by CLDR rules, chosen inside the UI strings ("{0:plural:балл|балла|баллов}").</summary>
public class PluralTests
{
    private static readonly PluralStringLocalizer Localizer = new(new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    [Theory]
    [InlineData(1, "1 балл")]
    [InlineData(2, "2 балла")]
    [InlineData(5, "5 баллов")]
    [InlineData(11, "11 баллов")]
    [InlineData(12, "12 баллов")]
    [InlineData(14, "14 баллов")]
    [InlineData(21, "21 балл")]
    [InlineData(22, "22 балла")]
    [InlineData(25, "25 баллов")]
    [InlineData(111, "111 баллов")]
    [InlineData(0, "0 баллов")]
    public void Russian_takes_one_few_or_many(long count, string expected) =>
        $"{count} {Plural.Choose(count, "балл|балла|баллов", CultureInfo.GetCultureInfo("ru-RU"))}".Should().Be(expected);

    [Theory]
    [InlineData(1, "1 point")]
    [InlineData(2, "2 points")]
    [InlineData(11, "11 points")]
    [InlineData(21, "21 points")]
    public void English_takes_one_or_other(long count, string expected) =>
        $"{count} {Plural.Choose(count, "point|points", CultureInfo.GetCultureInfo("en-US"))}".Should().Be(expected);

    [Theory]
    [InlineData("ru-RU", 1, "Вам начислен 1 балл.")]
    [InlineData("ru-RU", 4, "Вам начислено 4 балла.")]
    [InlineData("ru-RU", 700, "Вам начислено 700 баллов.")]
    [InlineData("en-US", 1, "You earned 1 point.")]
    [InlineData("en-US", 700, "You earned 700 points.")]
    public void A_page_text_gets_the_form_for_its_number(string culture, int points, string expected) =>
        In(culture, () => Localizer["You earned {0} points.", points].Value).Should().Be(expected);

    [Theory]
    [InlineData("ru-RU", 1, "02.12.2027 сгорит 1 балл.")]
    [InlineData("ru-RU", 22, "02.12.2027 сгорят 22 балла.")]
    [InlineData("en-US", 1, "1 point expires on 02.12.2027.")]
    public void The_verb_agrees_with_the_number_too(string culture, int points, string expected) =>
        In(culture, () => Localizer["{0} points expire on {1}.", points, "02.12.2027"].Value).Should().Be(expected);

    [Fact]
    public void A_number_grouped_for_display_still_chooses_its_form() =>
        In("ru-RU", () => Localizer["{0} tags", 1021.ToString("N0", CultureInfo.GetCultureInfo("ru-RU"))].Value)
            .Replace('\u00A0', ' ').Replace('\u202F', ' ').Should().Be("1 021 бирка");

    [Fact]
    public void Points_are_grouped_by_thousands() =>
        In("ru-RU", () => Localizer["{0} points", 1500].Value).Replace('\u00A0', ' ').Replace('\u202F', ' ').Should().Be("1 500 баллов");

    [Theory]
    [InlineData("ru-RU", "Салон «Жемчуг»", "Это украшение вам продал продавец Анна из магазина «Салон „Жемчуг“»?")]
    [InlineData("ru-RU", "Лазурит — ТЦ Европейский", "Это украшение вам продал продавец Анна из магазина «Лазурит — ТЦ Европейский»?")]
    [InlineData("en-US", "Salon “Pearl”", "Did Анна at “Salon ‘Pearl’” sell you this item?")]
    public void A_quoted_name_never_doubles_its_quotes(string culture, string shop, string expected) =>
        In(culture, () => Localizer["Did {0} at {1} sell you this item?", "Анна", shop].Value).Should().Be(expected);

    [Fact]
    public void A_text_asked_again_in_the_other_language_comes_in_that_language() =>
        new[] { "ru-RU", "en-US", "ru-RU", "en-US" }.Select(culture => In(culture, () => Localizer["Tag check"].Value))
            .Should().Equal("Проверка бирки", "Tag check", "Проверка бирки", "Tag check");

    [Fact]
    public void A_text_the_resources_lack_is_shown_as_asked() =>
        In("ru-RU", () => Localizer["No such text {0}", 7].Value).Should().Be("No such text 7");

    private static string In(string culture, Func<string> text)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return text();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }
}
