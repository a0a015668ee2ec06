using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Account;

/// <summary>Joining ends with a welcome mail in the member's language: a buyer's says how to earn, a seller's what happens before she can sell.</summary>
public class WelcomeMailTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_new_buyer_gets_a_welcome_mail_by_name_once_the_account_is_made()
    {
        const string email = "welcome.buyer@example.com";
        var client = site.CreateBrowserlessClient();
        await HtmlForms.SubmitAsync(client, "/account/sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Дарья Новикова",
            ["Input.Email"] = email,
            ["Input.Phone"] = "+7 916 444-21-08",
            ["Input.Password"] = "daria-pass-42",
            ["Input.Consent"] = "true",
        });

        (await ConfirmAsync(client, email, "daria-pass-42")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var welcome = (await TestMail.ToAsync(site.MailFolder, email, 2)).Single(m => m.Subject?.StartsWith("Добро пожаловать", StringComparison.Ordinal) == true);
        welcome.Subject.Should().Be("Добро пожаловать в AQUAMARINE Club, Дарья Новикова!");
        welcome.TextBody.Should().Contain("Здравствуйте, Дарья Новикова!").And.Contain("/cabinet");
    }

    [Fact]
    public async Task A_new_seller_is_told_to_expect_the_managers_call()
    {
        const string email = "welcome.seller@example.com";
        var client = site.CreateBrowserlessClient();
        await client.SignUpAsSellerAsync("Ирина Соколова", "+7 916 444-21-09", email, "irina-pass-42");

        (await ConfirmAsync(client, email, "irina-pass-42")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var welcome = (await TestMail.ToAsync(site.MailFolder, email, 2)).Single(m => m.Subject?.StartsWith("Добро пожаловать", StringComparison.Ordinal) == true);
        welcome.TextBody.Should().Contain("Менеджер программы позвонит вам");
    }

    private async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string email, string password) =>
        await HtmlForms.SubmitAsync(client, await TestMail.SignUpLinkAsync(site.MailFolder, email), new Dictionary<string, string> { ["Password"] = password });
}
