using System.Net;
using System.Text;
using Club.Testing;

namespace Club.Web.Tests.Audit;

public class AuditPageTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_managers_change_shows_who_made_it_and_the_values_before_and_after_and_exports_as_csv()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var saved = await HtmlForms.SubmitAsync(manager, "/manage/points-rules", new Dictionary<string, string>
        {
            ["_handler"] = "points-policy",
            ["Policy.Lifetime"] = "18",
            ["Policy.Reminder"] = "9",
            ["Policy.Quiet"] = "4",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.OK);

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/manage/audit?type=points-policy"));
        page.Should().Contain("Журнал изменений").And.Contain("points.policy").And.Contain("manager@club.demo");
        page.Should().Contain("lifetimeMonths").And.Contain("<ins>18</ins>").And.Contain("<ins>9</ins>");

        var csv = await manager.GetAsync("/manage/audit.csv?type=points-policy");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        text.Should().Contain("points.policy").And.Contain("manager@club.demo").And.Contain("\"\"lifetimeMonths\"\": 18");
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-5")]
    [InlineData("50000000")]
    [InlineData("99999999999999")]
    public async Task A_hostile_page_number_shows_a_page_not_an_error(string page)
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var response = await manager.GetAsync($"/manage/audit?page={page}");
        var csv = await manager.GetAsync($"/manage/audit.csv?page={page}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Filters_by_person_and_day_and_explains_a_bad_date()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var nobody = await manager.GetStringAsync("/manage/audit?actor=nobody-at-all&from=2020-01-01");
        var badDate = await manager.GetStringAsync("/manage/audit?from=03.12.2026");

        nobody.Should().Contain("Подходящих записей нет");
        badDate.Should().Contain("неверная дата не учтена");
    }

    [Theory]
    [InlineData("buyer@club.demo")]
    [InlineData("factory@club.demo")]
    [InlineData("partner@club.demo")]
    public async Task Other_roles_cannot_open_the_log_or_its_export(string email)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        var page = await client.GetAsync("/manage/audit");
        var csv = await client.GetAsync("/manage/audit.csv");

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().Contain("/account/access-denied");
        csv.IsSuccessStatusCode.Should().BeFalse();
    }
}
