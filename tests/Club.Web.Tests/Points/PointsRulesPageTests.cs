using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Points;

public class PointsRulesPageTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_program_manager_changes_the_first_item_bonus()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var response = await HtmlForms.SubmitAsync(client, "/manage/points-rules", new Dictionary<string, string> { ["bonus"] = "450" });

        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Сохранено.").And.Contain("value=\"450\"");
    }

    [Fact]
    public async Task Nonsense_points_get_a_message_and_change_nothing()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("admin@club.demo");

        var response = await HtmlForms.SubmitAsync(client, "/manage/points-rules", new Dictionary<string, string> { ["bonus"] = new string('9', 5000) });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Баллы — целые числа от 0 до 100 000.");
    }

    [Fact]
    public async Task Buyers_cannot_open_the_rules()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");

        var response = await client.GetAsync("/manage/points-rules");

        response.Headers.Location!.ToString().Should().Contain("/account/access-denied");
    }
}
