using System.Globalization;
using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Club.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Club.Web.Tests.Localization;

/// <summary>A command's message is a key with values: the page translates the key and puts the values in.</summary>
public class UserMessageTextTests
{
    // The localizer the pages get: plural forms resolved ("до 120 символов", "до 21 символа").
    private static readonly IStringLocalizer Localizer = new PluralStringLocalizer(new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    [Theory]
    [InlineData("ru-RU", "Укажите название подарка (до 120 символов).")]
    [InlineData("en-US", "Enter the gift's name (up to 120 characters).")]
    public void A_limit_from_the_domain_is_put_into_the_translated_text(string culture, string expected)
    {
        var message = new UserMessage("Enter the gift's name (up to {0} characters).", [Gift.MaxTitleLength]);

        In(culture, () => Localizer.Translate(message)).Should().Be(expected);
    }

    [Theory]
    [InlineData("ru-RU", "Цена — от 1 до 1 000 000 баллов.")]
    [InlineData("en-US", "The price must be from 1 to 1,000,000 points.")]
    public void Large_numbers_are_written_the_readers_way(string culture, string expected)
    {
        var message = new UserMessage("The price must be from {0} to {1:N0} points.", [1, Gift.MaxPoints]);

        // Russian groups digits with a no-break space, so a number is never split across lines.
        In(culture, () => Localizer.Translate(message)).Replace('\u00A0', ' ').Replace('\u202F', ' ').Should().Be(expected);
    }

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
