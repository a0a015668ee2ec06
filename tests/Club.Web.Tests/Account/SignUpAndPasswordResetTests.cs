using System.Net;
using System.Text.RegularExpressions;
using Club.Testing;
using MimeKit;

namespace Club.Web.Tests.Account;

public partial class SignUpAndPasswordResetTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_new_buyer_signs_up_and_lands_where_they_came_from()
    {
        var client = site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/sign-up?returnUrl=%2Fcabinet%3Ffrom%3Dtag", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Ольга Новикова",
            ["Input.Email"] = "olga@example.com",
            ["Input.Phone"] = "+7 926 100-20-30",
            ["Input.Password"] = "lilac-garden-26",
            ["Input.Consent"] = "true",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().EndWith("/cabinet?from=tag");
        (await client.GetStringAsync("/cabinet")).Should().Contain("Ольга Новикова").And.Contain("Покупатель");
    }

    [Fact]
    public async Task Sign_up_without_consent_or_with_a_bad_phone_explains_and_creates_nothing()
    {
        var client = site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Без Согласия",
            ["Input.Email"] = "noconsent@example.com",
            ["Input.Phone"] = "12",
            ["Input.Password"] = "secret-123",
        });

        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("дайте согласие на обработку персональных данных");
        var signIn = await client.SignInAsync("noconsent@example.com", "secret-123");
        (await signIn.Content.ReadAsStringAsync()).Should().Contain("Неверная почта или пароль.");
    }

    [Theory]
    [InlineData("/account/sign-up")]
    [InlineData("/account/seller-sign-up")]
    public async Task A_refused_sign_up_does_not_write_the_typed_password_back_into_the_page(string form)
    {
        var client = site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Без Согласия",
            ["Input.Email"] = "echo@example.com",
            ["Input.Phone"] = "12",
            ["Input.Password"] = "typed-secret-741",
        });

        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("дайте согласие на обработку персональных данных").And.Contain("id=\"password\"");
        page.Should().NotContain("typed-secret-741");
        // The first mistake takes the focus, so the browser shows it without a script.
        page.Should().Contain("class=\"field-error\" tabindex=\"-1\" autofocus");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        var client = site.CreateBrowserlessClient();
        await HtmlForms.SubmitAsync(client, "/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "seller@club.demo" });

        var mail = await MimeMessage.LoadAsync(Directory.GetFiles(site.MailFolder, "*.eml").Single());
        mail.To.Mailboxes.Single().Address.Should().Be("seller@club.demo");
        var link = new Uri(ResetLink().Match(mail.TextBody ?? "").Value);
        var reset = await HtmlForms.SubmitAsync(client, link.PathAndQuery, new Dictionary<string, string> { ["Input.Password"] = "brand-new-pass-1" });

        (await reset.Content.ReadAsStringAsync()).Should().Contain("Пароль изменён");
        (await client.SignInAsync("seller@club.demo", "brand-new-pass-1")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_forgot_password_form_does_not_reveal_who_is_a_member()
    {
        var client = site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com" });

        (await response.Content.ReadAsStringAsync()).Should().Contain("Если аккаунт с этой почтой существует");
    }

    [Fact]
    public async Task A_forged_reset_code_is_refused_with_a_message()
    {
        var client = site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/reset-password?email=buyer%40club.demo&code=Zm9yZ2Vk", new Dictionary<string, string> { ["Input.Password"] = "hacked-pass-1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Ссылка устарела или уже использована");
    }

    [GeneratedRegex(@"http\S+/account/reset-password\S+")]
    private static partial Regex ResetLink();
}
