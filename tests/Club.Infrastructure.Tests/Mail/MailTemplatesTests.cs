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
}
