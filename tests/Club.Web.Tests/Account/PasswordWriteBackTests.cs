using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Account;

/// <summary>
/// A form refused for any reason (a field rule or the command's own answer) shows an empty password box:
/// the typed password never comes back in the page's HTML.
/// </summary>
public class PasswordWriteBackTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    private const string Typed = "Typed-Secret-7781-lilac";

    [Theory]
    [InlineData("/account/sign-in", "Input.Email", "")]                       // field rule: no email
    [InlineData("/account/sign-in", "Input.Email", "buyer@club.demo")]        // the command says no
    [InlineData("/account/sign-up", "Input.Email", "not-an-email")]
    [InlineData("/account/seller-sign-up", "Input.Email", "not-an-email")]
    [InlineData("/account/reset-password", "Input.Email", "")]
    [InlineData("/account/reset-password", "Input.Email", "buyer@club.demo")] // no valid code
    public async Task A_refused_form_does_not_write_the_typed_password_back(string page, string field, string value)
    {
        var response = await HtmlForms.SubmitAsync(site.CreateBrowserlessClient(), page, new Dictionary<string, string>
        {
            [field] = value,
            ["Input.Password"] = Typed,
            ["Input.Code"] = "bogus",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("type=\"password\"").And.NotContain(Typed);
    }

    [Fact]
    public async Task A_refused_invitation_password_is_not_written_back()
    {
        var url = $"/account/accept-invitation?user={Guid.NewGuid()}&code=bogus";
        var response = await HtmlForms.SubmitAsync(site.CreateBrowserlessClient(), url, new Dictionary<string, string>
        {
            ["password"] = Typed,
            ["confirm"] = Typed + "x",
        });

        (await response.Content.ReadAsStringAsync()).Should().NotContain(Typed);
    }
}
