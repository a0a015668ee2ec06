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

        var response = await HtmlForms.SubmitAsync(client, "/manage/points-rules", new Dictionary<string, string> { ["_handler"] = "points-rules", ["Input.Bonus"] = "450" });

        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Сохранено.").And.Contain("value=\"450\"");
    }

    [Fact]
    public async Task Nonsense_points_get_a_message_and_change_nothing()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("admin@club.demo");

        var response = await HtmlForms.SubmitAsync(client, "/manage/points-rules", new Dictionary<string, string> { ["_handler"] = "points-rules", ["Input.Bonus"] = new string('9', 5000) });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Баллы — целые числа от 0 до 100 000.");
    }

    [Fact]
    public async Task Points_out_of_range_are_refused_by_the_rules_validator_and_the_typed_values_stay()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var response = await HtmlForms.SubmitAsync(client, "/manage/points-rules", new Dictionary<string, string>
        {
            ["_handler"] = "points-rules", ["Input.Bonus"] = "300", ["Input.BuyerBirthday"] = "200000", ["Input.SellerBirthday"] = "77",
        });

        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Баллы — целые числа от 0 до").And.NotContain("Сохранено.")
            .And.Contain("name=\"Input.BuyerBirthday\" type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"100000\" value=\"200000\"")
            .And.Contain("value=\"77\"");
        (await client.GetStringAsync("/manage/points-rules")).Should().NotContain("value=\"77\"", "nothing was saved");
    }

    [Fact]
    public async Task A_program_manager_sets_the_points_lifetime_reminder_and_birthday_wait()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var response = await SubmitPolicyAsync(client, "6", "14", "45");

        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Сохранено.").And.Contain("name=\"Policy.Lifetime\"").And.Contain("value=\"6\"").And.Contain("value=\"14\"")
            .And.Contain("value=\"45\"").And.Contain("manager@club.demo");
        (await SubmitPolicyAsync(client, "12", "10", "30")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("abc", "10", "30", "Введите целые числа месяцев и дней.")]
    [InlineData("99999999999", "10", "30", "Введите целые числа месяцев и дней.")]
    [InlineData("500", "10", "30", "Срок жизни баллов — от 0 (не сгорают) до 120 месяцев.")]
    [InlineData("12", "91", "30", "Напомнить можно за 0–90 дней (0 — без напоминания).")]
    [InlineData("12", "10", "400", "Ожидание после изменения даты рождения — от 0 до 366 дней.")]
    public async Task Nonsense_months_and_days_get_a_message_and_change_nothing(string lifetime, string reminder, string quiet, string message)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("admin@club.demo");

        var response = await SubmitPolicyAsync(client, lifetime, reminder, quiet);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain(message).And.NotContain("Сохранено.")
            .And.Contain($"name=\"Policy.Lifetime\" type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"120\" required value=\"{lifetime}\"", "the typed value is shown again");
        (await client.GetStringAsync("/manage/points-rules")).Should().Contain("id=\"lifetime\" name=\"Policy.Lifetime\" type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"120\" required value=\"12\"");
    }

    [Fact]
    public async Task Buyers_cannot_open_the_rules()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");

        var response = await client.GetAsync("/manage/points-rules");

        response.Headers.Location!.ToString().Should().Contain("/account/access-denied");
    }

    private static Task<HttpResponseMessage> SubmitPolicyAsync(HttpClient client, string lifetime, string reminder, string quiet) =>
        HtmlForms.SubmitAsync(client, "/manage/points-rules", new Dictionary<string, string>
        {
            ["_handler"] = "points-policy",
            ["Policy.Lifetime"] = lifetime,
            ["Policy.Reminder"] = reminder,
            ["Policy.Quiet"] = quiet,
        });
}
