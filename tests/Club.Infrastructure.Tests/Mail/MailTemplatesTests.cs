using Club.Infrastructure.Mail;
using Microsoft.Extensions.Configuration;

namespace Club.Infrastructure.Tests.Mail;

public class MailTemplatesTests
{
    private static readonly Dictionary<string, string> Anna = new() { ["Name"] = "Анна <b>" };

    private static readonly PublicAddress Site = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Club:PublicBaseUrl"] = "https://club.example/" })
        .Build());

    [Fact]
    public void Renders_the_members_language_with_values_encoded_in_the_html_part()
    {
        var mail = new MailTemplates(Site).Render("Test", "en", "anna@example.com", Anna);

        mail.Subject.Should().Be("Test mail for Анна <b>");
        mail.TextBody.Should().StartWith("Hello, Анна <b>!");
        mail.HtmlBody.Should().StartWith("<p>Hello, Анна &lt;b&gt;!</p><p>");
    }

    [Fact]
    public void Falls_back_to_russian_for_an_unknown_language()
    {
        new MailTemplates(Site).Render("Test", "de", "anna@example.com", Anna).Subject.Should().Be("Проверка почты для Анна <b>");
    }

    [Fact]
    public void Links_in_mails_start_with_the_configured_public_address()
    {
        var mail = new MailTemplates(Site).Render("Test", "en", "anna@example.com", new Dictionary<string, string>(Anna) { ["SiteUrl"] = "http://evil.example" });

        mail.TextBody.Should().Contain("from https://club.example.").And.NotContain("evil");
    }

    [Theory]
    [InlineData("ru", 1, "Вам начислен 1 балл.")]
    [InlineData("ru", 22, "Вам начислено 22 балла.")]
    [InlineData("ru", 700, "Вам начислено 700 баллов.")]
    [InlineData("en", 1, "You earned 1 point.")]
    [InlineData("en", 50, "You earned 50 points.")]
    public void Points_take_the_plural_form_of_their_number(string culture, int points, string expected)
    {
        var mail = new MailTemplates(Site).Render("SaleConfirmed", culture, "vera@example.com",
            new Dictionary<string, string> { ["Name"] = "Вера", ["Product"] = "Кольцо", ["Points"] = points.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        mail.TextBody.Should().Contain(expected);
    }

    [Theory]
    [InlineData("ru", "Подвеска «Капля»", "«Подвеска „Капля“»")]
    [InlineData("en", "Pendant “Drop”", "“Pendant ‘Drop’”")]
    public void A_quoted_value_with_quotes_of_its_own_nests_them_instead_of_doubling(string culture, string gift, string expected)
    {
        var mail = new MailTemplates(Site).Render("GiftOrderStatus", culture, "anna@example.com", new Dictionary<string, string>(Anna)
        {
            ["Order"] = "42", ["Gift"] = gift, ["Points"] = "3", ["StatusRu"] = "подтверждён", ["StatusEn"] = "confirmed", ["DetailsRu"] = "", ["DetailsEn"] = "",
        });

        mail.TextBody.Should().Contain(expected).And.NotContain("»»").And.Contain("https://club.example/cabinet/orders#order-42");
        mail.TextBody.Should().StartWith(culture == "ru" ? "Здравствуйте, Анна <b>!" : "Hello, Анна <b>!", "order mails greet by name");
        mail.TextBody.Should().Contain(culture == "ru" ? "(3 балла)" : "(3 points)");
    }

    [Theory]
    [InlineData("ru", "3 декабря 2026 г. сгорят 700 баллов")]
    [InlineData("en", "700 points expire on 3 December 2026")]
    public void A_day_in_a_sentence_is_written_the_long_way(string culture, string expected)
    {
        var mail = new MailTemplates(Site).Render("PointsExpiring", culture, "anna@example.com",
            new Dictionary<string, string>(Anna) { ["Points"] = "700", ["Date"] = "03.12.2026" });

        mail.Subject.Should().Be(expected);
    }

    [Theory]
    [InlineData("WelcomeBuyer", "Вы вступили", "You have joined")]
    [InlineData("WelcomeSeller", "позвонит вам", "will call you")]
    [InlineData("SellerActivated", "активировал", "activated")]
    [InlineData("SellerRejected", "не активировал", "did not activate")]
    [InlineData("SellerSuspended", "приостановил", "suspended")]
    [InlineData("ItemRegistered", "Сертификат подлинности", "certificate of authenticity")]
    [InlineData("SaleConfirmed", "подтверждена", "confirmed")]
    public void Every_new_mail_exists_in_both_languages_and_greets_by_name(string template, string russian, string english)
    {
        var values = new Dictionary<string, string>(Anna) { ["Product"] = "Кольцо", ["Points"] = "5", ["Serial"] = "21C4VMX59VQY9", ["Link"] = "https://club.example/cabinet/items/21C4VMX59VQY9" };

        var ru = new MailTemplates(Site).Render(template, "ru", "anna@example.com", values);
        var en = new MailTemplates(Site).Render(template, "en", "anna@example.com", values);

        ru.TextBody.Should().StartWith("Здравствуйте, Анна <b>!").And.Contain(russian).And.NotContainAny("{", "}");
        en.TextBody.Should().StartWith("Hello, Анна <b>!").And.Contain(english).And.NotContainAny("{", "}");
    }
}
