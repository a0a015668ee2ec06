using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Products;

public class BrandPageTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Theory]
    [InlineData("admin@club.demo", "manager@club.demo")]
    [InlineData("admin@club.demo", "factory@club.demo")]
    public async Task Brand_settings_open_to_admins_only(string allowed, string refused) =>
        await site.AssertOpensOnlyToAsync("/manage/brand", allowed, refused);

    [Fact]
    public async Task The_brand_name_logo_and_contacts_reach_the_header_and_the_scan_page_and_bad_input_is_refused_in_place()
    {
        var admin = site.CreateBrowserlessClient();
        await admin.SignInAsync("admin@club.demo");

        var bad = await HtmlForms.SubmitAsync(admin, "/manage/brand", new Dictionary<string, string>
        {
            ["_handler"] = "brand", ["name"] = "Лазурный берег", ["email"] = "not an email", ["phone"] = "",
        });
        var badHtml = await bad.Content.ReadAsStringAsync();
        badHtml.Should().Contain("value=\"Лазурный берег\"").And.Contain("field-error");

        var saved = await HtmlForms.SubmitAsync(admin, "/manage/brand", new Dictionary<string, string>
        {
            ["_handler"] = "brand", ["name"] = "Лазурный берег", ["email"] = "hello@azure.example", ["phone"] = "+7 495 000-00-00",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await admin.GetStringAsync("/manage/brand");
        var upload = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(page).Where(f => f.Key != "_handler"))
        {
            upload.Add(new StringContent(value), name);
        }

        upload.Add(new StringContent("logo"), "_handler");
        upload.Add(new ByteArrayContent(TestImages.Png(600, 200)), "logo", "logo.png");
        (await admin.PostAsync("/manage/brand", upload)).StatusCode.Should().Be(HttpStatusCode.OK);

        var anonymous = site.CreateBrowserlessClient();
        var home = await anonymous.GetStringAsync("/");
        home.Should().Contain("Лазурный берег").And.Contain("/media/brand-logo/1");
        var logo = await anonymous.GetAsync("/media/brand-logo/1");
        logo.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        // The contact is offered where something is wrong, e.g. a tag that is not ours.
        (await anonymous.GetStringAsync("/T/NOTOURS")).Should().Contain("hello@azure.example").And.Contain("7 495 000-00-00");
    }
}
