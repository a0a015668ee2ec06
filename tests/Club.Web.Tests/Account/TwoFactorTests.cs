using System.Net;
using System.Text.RegularExpressions;
using Club.Domain.Members;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Account;

public partial class TwoFactorTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task Demo_staff_give_the_authenticator_code_after_the_password()
    {
        var client = site.CreateBrowserlessClient();

        var password = await HtmlForms.SubmitAsync(client, "/account/sign-in?returnUrl=%2Fmanage%2Forders", new Dictionary<string, string>
        {
            ["Input.Email"] = "manager@club.demo",
            ["Input.Password"] = DemoAccounts.Password,
        });

        password.Headers.Location!.OriginalString.Should().Contain("/account/sign-in/code");
        (await client.GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the password alone signs nobody in");
        var wrong = await client.EnterSignInCodeAsync(password.Headers.Location.PathAndQueryOf(), "000000");
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("Код не подходит");
        var right = await client.EnterSignInCodeAsync(password.Headers.Location.PathAndQueryOf(), Totp.Code(DemoAccounts.AuthenticatorKey));
        right.Headers.Location!.OriginalString.Should().EndWith("/manage/orders");
        (await client.GetAsync("/manage/orders")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (email, _, recoveryCodes) = await NewStaffWithAuthenticatorAsync();
        var client = site.CreateBrowserlessClient();

        var first = await SignInWithCodeAsync(client, email, recoveryCodes[0]);
        var again = await SignInWithCodeAsync(site.CreateBrowserlessClient(), email, recoveryCodes[0]);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await again.Content.ReadAsStringAsync()).Should().Contain("Код не подходит");
    }

    [Fact]
    public async Task Staff_without_a_factor_are_sent_to_enrolment_before_any_page_and_enrol_with_a_qr_code()
    {
        var email = await NewStaffAsync(Roles.ProgramManager);
        var client = site.CreateBrowserlessClient();
        (await client.SignInAsync(email, "staff-pass-2026")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var staffPage = await client.GetAsync("/manage/orders");
        staffPage.StatusCode.Should().Be(HttpStatusCode.Redirect);
        staffPage.Headers.Location!.OriginalString.Should().StartWith("/account/two-factor?returnUrl=%2Fmanage%2Forders");
        var cabinet = await client.GetAsync("/cabinet");
        cabinet.Headers.Location!.OriginalString.Should().StartWith("/account/two-factor", "no page works before enrolment");

        var enrolment = await client.GetStringAsync("/account/two-factor");
        enrolment.Should().Contain("<svg class=\"qr\"").And.Contain("нужен двухэтапный вход");
        var key = Totp.KeyFromPage(ShownKey().Match(enrolment).Groups["key"].Value);
        var wrong = await HtmlForms.SubmitAsync(client, "/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = "123456" });
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("Код не совпадает");
        var done = await HtmlForms.SubmitAsync(client, "/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });

        var page = await done.Content.ReadAsStringAsync();
        page.Should().Contain("Резервные коды");
        RecoveryCode().Matches(page).Count.Should().Be(10);
        (await client.GetAsync("/manage/orders")).StatusCode.Should().Be(HttpStatusCode.OK, "the session passed the second factor now");
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        (await users.GetTwoFactorEnabledAsync(user)).Should().BeTrue();
        (await users.CountRecoveryCodesAsync(user)).Should().Be(10);
        var stored = await users.GetAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        stored.Should().NotContain(RecoveryCode().Match(page).Groups["code"].Value, "recovery codes are stored hashed");
    }

    [Theory]
    [InlineData(Roles.Admin, "/manage/audit.csv")]
    [InlineData(Roles.ProgramManager, "/manage/liability.csv")]
    [InlineData(Roles.ProgramManager, "/manage/products/export.xlsx")]
    [InlineData(Roles.ProgramManager, "/manage/orders.csv")]
    [InlineData(Roles.ProgramManager, "/reports/export.csv")]
    [InlineData(Roles.FactoryStaff, "/factory/batches/1/files/labels.pdf")]
    public async Task Files_that_need_a_role_need_the_second_factor_too(string role, string path)
    {
        var email = await NewStaffAsync(role);
        var client = site.CreateBrowserlessClient();
        (await client.SignInAsync(email, "staff-pass-2026")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var file = await client.GetAsync(path);

        file.StatusCode.Should().Be(HttpStatusCode.Redirect, "a password alone must not download {0}", path);
        file.Headers.Location!.OriginalString.Should().StartWith("/account/two-factor");
        (await client.GetAsync("/app.css")).StatusCode.Should().Be(HttpStatusCode.OK, "the stylesheet stays open for the enrolment page");
    }

    [Fact]
    public async Task A_buyer_signs_in_with_the_password_alone_and_may_opt_in_from_the_cabinet()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");

        (await client.GetStringAsync("/cabinet")).Should().Contain("href=\"/account/two-factor\"");
        var enrolment = await client.GetStringAsync("/account/two-factor");
        enrolment.Should().Contain("<svg class=\"qr\"").And.NotContain("нужен двухэтапный вход");
    }

    private async Task<HttpResponseMessage> SignInWithCodeAsync(HttpClient client, string email, string code)
    {
        var password = await HtmlForms.SubmitAsync(client, "/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "staff-pass-2026",
        });
        return await client.EnterSignInCodeAsync(password.Headers.Location!.PathAndQueryOf(), code);
    }

    private async Task<string> NewStaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@club.example";
        await using var scope = site.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<MemberAccounts>().CreateAsync(new NewAccount(
            email, $"+7 9{Random.Shared.Next(10, 99)} {Random.Shared.Next(1_000_000, 9_999_999)}", "staff-pass-2026", "Сотрудник", role));
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors));
        return email;
    }

    private async Task<(string Email, string Key, IReadOnlyList<string> RecoveryCodes)> NewStaffWithAuthenticatorAsync()
    {
        var email = await NewStaffAsync(Roles.FactoryStaff);
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return (email, (await users.GetAuthenticatorKeyAsync(user))!, codes);
    }

    [GeneratedRegex("""<code class="key">(?<key>[^<]+)</code>""")]
    private static partial Regex ShownKey();

    [GeneratedRegex("""<li><code>(?<code>[A-Z0-9]{5}-[A-Z0-9]{5})</code></li>""")]
    private static partial Regex RecoveryCode();
}

internal static class LocationExtensions
{
    public static string PathAndQueryOf(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
