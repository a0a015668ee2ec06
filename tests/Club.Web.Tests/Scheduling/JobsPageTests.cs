using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Scheduling;

/// <summary>The site with its scheduler running, as in production.</summary>
public sealed class SchedulingSiteFactory : ClubWebFactory
{
    protected override bool SchedulerEnabled => true;
}

public class JobsPageTests(SchedulingSiteFactory site) : IClassFixture<SchedulingSiteFactory>
{
    [Fact]
    public async Task A_program_manager_sees_every_job_and_run_now_runs_it_on_the_cluster()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var before = await client.GetStringAsync("/manage/jobs");
        var response = await HtmlForms.SubmitAsync(client, "/manage/jobs", new Dictionary<string, string> { ["_handler"] = "run-SaleExpiry" });
        var after = await response.Content.ReadAsStringAsync();
        var page = after;
        for (var i = 0; i < 120 && !page.Contains("ручной запуск", StringComparison.Ordinal); i++)
        {
            await Task.Delay(500);
            page = await client.GetStringAsync("/manage/jobs");
        }

        before.Should().Contain("Баллы ко дню рождения").And.Contain("Сгорание баллов и напоминания")
            .And.Contain("Отправка писем").And.Contain("Europe/Moscow").And.Contain("0 5 0 * * ?");
        after.Should().Contain("Задание запустится через несколько секунд");
        page.Should().Contain("ручной запуск");
    }

    [Fact]
    public async Task Next_runs_are_shown_in_the_clubs_time_zone_not_the_servers()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var page = await client.GetStringAsync("/manage/jobs");

        // The birthday job fires at 00:05 Europe/Moscow, which is 21:05 UTC on the server.
        page.Should().Contain(" 00:05").And.NotContain("21:05");
    }

    [Fact]
    public async Task Buyers_cannot_open_the_jobs_page()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");

        var response = await client.GetAsync("/manage/jobs");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/access-denied");
    }
}
