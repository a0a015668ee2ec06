using System.Net;
using System.Text.RegularExpressions;
using Club.Testing;
using Club.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Account;

public partial class SignUpAndPasswordResetTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_new_buyer_signs_up_confirms_by_mail_and_lands_where_they_came_from()
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
        var answer = await response.Content.ReadAsStringAsync();
        var beforeConfirming = await client.SignInAsync("olga@example.com", "lilac-garden-26");
        var link = await TestMail.SignUpLinkAsync(site.MailFolder, "olga@example.com");
        var confirmPage = await client.GetStringAsync(link);
        var confirmed = await HtmlForms.SubmitAsync(client, link, new Dictionary<string, string> { ["Password"] = "lilac-garden-26" });

        answer.Should().Contain("Проверьте почту, чтобы закончить вступление.").And.Contain("olga@example.com");
        (await beforeConfirming.Content.ReadAsStringAsync()).Should().Contain("Неверная почта или пароль.", "no account exists before the link is used");
        confirmPage.Should().Contain("Последний шаг");
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        confirmed.Headers.Location!.OriginalString.Should().EndWith("/cabinet?from=tag");
        (await client.GetStringAsync("/cabinet")).Should().Contain("Ольга Новикова").And.Contain("Покупатель");
    }

    [Fact]
    public async Task Sign_up_without_consent_or_with_a_bad_phone_explains_keeps_the_typed_values_and_creates_nothing()
    {
        var client = site.CreateBrowserlessClient();

        var response = await HtmlForms.SubmitAsync(client, "/account/sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Без Согласия",
            ["Input.Email"] = "noconsent@example.com",
            ["Input.Phone"] = "+7 926 111-22-33",
            ["Input.Password"] = "secret-123",
        });
        var badPhone = await HtmlForms.SubmitAsync(client, "/account/sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Без Телефона",
            ["Input.Email"] = "nophone@example.com",
            ["Input.Phone"] = "12",
            ["Input.Password"] = "secret-123",
            ["Input.Consent"] = "true",
        });

        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("дайте согласие на обработку персональных данных").And.Contain("value=\"Без Согласия\"").And.Contain("value=\"noconsent@example.com\"");
        (await badPhone.Content.ReadAsStringAsync()).Should().Contain("Введите номер телефона с кодом").And.Contain("value=\"Без Телефона\"");
        (await TestMail.ToAsync(site.MailFolder, "noconsent@example.com", count: 0)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("qwertyuiop", "Это один из самых распространённых паролей")]
    [InlineData("short-1", "Пароль должен быть не короче 10 символов.")]
    [InlineData("Margarita.Sokolova-1990", "Пароль не должен содержать ваш адрес почты.")]
    public async Task Sign_up_refuses_a_weak_password_with_a_message_and_mails_nothing(string password, string expected)
    {
        var email = $"margarita.sokolova@{Guid.NewGuid():N}.example.com";

        var response = await HtmlForms.SubmitAsync(site.CreateBrowserlessClient(), "/account/sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Маргарита",
            ["Input.Email"] = email,
            ["Input.Phone"] = $"+7 903 {Random.Shared.Next(1_000_000, 9_999_999)}",
            ["Input.Password"] = password,
            ["Input.Consent"] = "true",
        });

        (await response.Content.ReadAsStringAsync()).Should().Contain(expected);
        (await TestMail.ToAsync(site.MailFolder, email, count: 0)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_taken_email_gets_the_same_answer_and_its_owner_a_mail_saying_someone_tried()
    {
        var owner = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();

        var response = await SignUpAsync(client, owner.Email.ToUpperInvariant(), "+7 926 300-40-50");

        (await response.Content.ReadAsStringAsync()).Should().Contain("Проверьте почту, чтобы закончить вступление.");
        var mail = (await TestMail.ToAsync(site.MailFolder, owner.Email)).Single();
        mail.Subject.Should().Be("Кто-то пытался вступить в клуб с вашими данными");
        mail.TextBody.Should().Contain("https://club.example/account/forgot-password").And.NotContain("confirm-sign-up");
        (await SignUpAsync(client, owner.Email, "+7 926 300-40-51")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestMail.ToAsync(site.MailFolder, owner.Email, count: 2)).Should().HaveCount(1, "one such mail a day is enough");
    }

    [Fact]
    public async Task A_free_email_with_a_taken_phone_learns_it_only_from_the_mailed_link_and_the_phone_owner_is_told()
    {
        var owner = await TestTags.CreateBuyerAsync(site.Services);
        var phone = await PhoneOfAsync(owner.Id);
        var email = $"phone-taken-{Guid.NewGuid():N}@example.com";
        var client = site.CreateBrowserlessClient();

        var response = await SignUpAsync(client, email, phone);
        var link = await TestMail.SignUpLinkAsync(site.MailFolder, email);
        var confirmed = await HtmlForms.SubmitAsync(client, link, new Dictionary<string, string> { ["Password"] = "lilac-garden-26" });

        (await response.Content.ReadAsStringAsync()).Should().Contain("Проверьте почту, чтобы закончить вступление.");
        (await TestMail.ToAsync(site.MailFolder, owner.Email)).Should().ContainSingle().Which.Subject.Should().Contain("Кто-то пытался");
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await confirmed.Content.ReadAsStringAsync()).Should().Contain("Этот номер телефона уже принадлежит аккаунту");
        (await client.SignInAsync(email, "lilac-garden-26")).StatusCode.Should().NotBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_sign_up_link_works_once_and_a_forged_one_is_refused()
    {
        var email = $"twice-{Guid.NewGuid():N}@example.com";
        await SignUpAsync(site.CreateBrowserlessClient(), email, $"+7 926 {Random.Shared.Next(1_000_000, 9_999_999)}");
        var link = await TestMail.SignUpLinkAsync(site.MailFolder, email);

        var first = await HtmlForms.SubmitAsync(site.CreateBrowserlessClient(), link, new Dictionary<string, string> { ["Password"] = "lilac-garden-26" });
        var second = await HtmlForms.SubmitAsync(site.CreateBrowserlessClient(), link, new Dictionary<string, string> { ["Password"] = "lilac-garden-26" });
        var forged = await HtmlForms.SubmitAsync(site.CreateBrowserlessClient(), link[..^6] + "AAAAAA", new Dictionary<string, string> { ["Password"] = "lilac-garden-26" });

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await second.Content.ReadAsStringAsync()).Should().Contain("Ссылка уже использована: ваш аккаунт создан.");
        (await forged.Content.ReadAsStringAsync()).Should().Contain("Ссылка устарела или повреждена.");
    }

    [Theory]
    [InlineData("/account/sign-up")]
    [InlineData("/account/seller-sign-up")]
    [InlineData("/account/sign-in")]
    public async Task A_refused_form_does_not_write_the_typed_password_back_and_its_error_takes_the_focus(string form)
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
        page.Should().Contain("id=\"password\"").And.NotContain("typed-secret-741");
        // The answer to the post takes the focus, so the browser scrolls it into view without a script.
        page.Should().Contain("class=\"alert error\" role=\"alert\" tabindex=\"-1\" autofocus");
    }

    [Fact]
    public async Task A_form_filled_in_with_someone_elses_email_cannot_make_their_account_with_the_fillers_password()
    {
        // The attacker fills the form in with the victim's email and a password of their own; the victim
        // gets a genuine mail from the club and opens it. Without the attacker's password nothing is made.
        var victim = $"victim-{Guid.NewGuid():N}@example.com";
        await SignUpAsync(site.CreateBrowserlessClient(), victim, $"+7 926 {Random.Shared.Next(1_000_000, 9_999_999)}");
        var link = await TestMail.SignUpLinkAsync(site.MailFolder, victim);
        var opener = site.CreateBrowserlessClient();

        var pressed = await HtmlForms.SubmitAsync(opener, link, new Dictionary<string, string>());
        var guessed = await HtmlForms.SubmitAsync(opener, link, new Dictionary<string, string> { ["Password"] = "victims-own-pass-1" });

        pressed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await guessed.Content.ReadAsStringAsync()).Should().Contain("Это не тот пароль, что был указан в форме вступления.");
        (await opener.GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the opener is not signed in to anything");
        (await site.CreateBrowserlessClient().SignInAsync(victim, "lilac-garden-26")).StatusCode.Should().NotBe(HttpStatusCode.Redirect, "no account was made");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        var client = site.CreateBrowserlessClient();
        await HtmlForms.SubmitAsync(client, "/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "seller@club.demo" });

        var mail = (await TestMail.ToAsync(site.MailFolder, "seller@club.demo")).Single();
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

    private static Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string phone) =>
        HtmlForms.SubmitAsync(client, "/account/sign-up", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Новый Участник",
            ["Input.Email"] = email,
            ["Input.Phone"] = phone,
            ["Input.Password"] = "lilac-garden-26",
            ["Input.Consent"] = "true",
        });

    private async Task<string> PhoneOfAsync(Guid memberId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClubDbContext>().Users.Where(u => u.Id == memberId).Select(u => u.PhoneNumber!).SingleAsync();
    }

    [GeneratedRegex(@"http\S+/account/reset-password\S+")]
    private static partial Regex ResetLink();
}
