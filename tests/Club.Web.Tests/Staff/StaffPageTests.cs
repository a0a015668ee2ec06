using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Staff;

public class StaffPageTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task An_admin_invites_a_partner_manager_and_sees_them_listed_as_invited()
    {
        var admin = site.CreateBrowserlessClient();
        await admin.SignInAsync("admin@club.demo");
        var form = await admin.GetStringAsync("/manage/staff");
        var partner = System.Text.RegularExpressions.Regex.Match(form, """<option value="(\d+)">""").Groups[1].Value;

        var invited = await HtmlForms.SubmitAsync(admin, "/manage/staff", new Dictionary<string, string>
        {
            ["_handler"] = "invite",
            ["email"] = "new.partner.manager@example.com",
            ["name"] = "Нина Партнёрская",
            ["role"] = "PartnerManager",
            ["partner"] = partner,
        });

        var page = WebUtility.HtmlDecode(await invited.Content.ReadAsStringAsync());
        page.Should().Contain("Приглашение отправлено").And.Contain("Нина Партнёрская").And.Contain("Приглашён");
    }

    [Fact]
    public async Task A_bad_invitation_is_explained_next_to_its_field_and_keeps_what_was_typed()
    {
        var admin = site.CreateBrowserlessClient();
        await admin.SignInAsync("admin@club.demo");

        var refused = await HtmlForms.SubmitAsync(admin, "/manage/staff", new Dictionary<string, string>
        {
            ["_handler"] = "invite",
            ["email"] = "no-at-sign",
            ["name"] = "Имя Оставленное",
            ["role"] = "FactoryStaff",
        });

        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        page.Should().Contain("field-error").And.Contain("value=\"no-at-sign\"").And.Contain("value=\"Имя Оставленное\"");
    }

    [Theory]
    [InlineData("manager@club.demo")]
    [InlineData("factory@club.demo")]
    public async Task Only_admins_open_the_staff_page(string email)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        var response = await client.GetAsync("/manage/staff");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/access-denied");
    }
}
