using System.Net;
using Club.Infrastructure.Persistence;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Club.Web.Tests.Training;

public class TrainingAndReportPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Theory]
    [InlineData("/training", "seller@club.demo", "partner@club.demo")]
    [InlineData("/manage/courses", "manager@club.demo", "seller@club.demo")]
    [InlineData("/reports", "partner@club.demo", "seller@club.demo")]
    [InlineData("/reports", "manager@club.demo", "buyer@club.demo")]
    [InlineData("/reports/print", "partner@club.demo", "factory@club.demo")]
    public Task Pages_open_to_their_roles_only(string path, string allowed, string refused)
        => site.AssertOpensOnlyToAsync(path, allowed, refused);

    [Fact]
    public async Task Files_are_refused_to_sellers_and_a_partner_manager_asking_for_another_partner_gets_their_own()
    {
        var (own, other) = await PartnerNamesAsync();
        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");
        var partner = site.CreateBrowserlessClient();
        await partner.SignInAsync("partner@club.demo");

        var refused = await seller.GetAsync("/reports/export.csv");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().Should().Contain("/account/access-denied");
        var csv = await partner.GetStringAsync($"/reports/export.csv?partner={other.Id}");
        var page = await partner.GetStringAsync($"/reports?partner={other.Id}");
        var print = await partner.GetStringAsync($"/reports/print?partner={other.Id}");

        csv.Should().NotContain(other.Name);
        page.Should().NotContain(other.Name);
        print.Should().NotContain(other.Name);
        csv.Split('\n').Skip(1).Where(l => l.Length > 1).Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith(own, StringComparison.Ordinal));
        foreach (var view in new[] { csv, page, print })
        {
            view.Should().Contain("Средняя оценка").And.Contain("Оценок");
        }

        (await partner.GetAsync("/reports/export.xlsx?from=2026-01-01&to=2020-01-01")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await partner.GetStringAsync("/reports?from=2026-01-01&to=2020-01-01")).Should().Contain("Выберите период до 400 дней");
    }

    [Fact]
    public async Task A_seller_passes_the_demo_test_and_the_partner_manager_sees_it_on_the_page_and_in_the_xlsx()
    {
        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");
        var (courseId, answers) = await DemoTestAsync();

        (await seller.GetStringAsync("/training")).Should().Contain(DemoTraining.CourseTitle);
        var start = await HtmlForms.SubmitAsync(seller, $"/training/{courseId}/test", new Dictionary<string, string> { ["_handler"] = "test", ["Input.Start"] = "true" });
        var form = await start.Content.ReadAsStringAsync();
        form.Should().Contain("id=\"test-form\"");
        var fields = HtmlForms.HiddenFields(form);
        fields["_handler"] = "test";
        var body = fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Concat(answers).ToList();
        var submitted = await seller.PostAsync($"/training/{courseId}/test", new FormUrlEncodedContent(body));
        var again = await seller.PostAsync($"/training/{courseId}/test", new FormUrlEncodedContent(body));

        (await submitted.Content.ReadAsStringAsync()).Should().Contain("Тест сдан!");
        again.StatusCode.Should().Be(HttpStatusCode.OK, "a double submit is answered, not failed");

        var partner = site.CreateBrowserlessClient();
        await partner.SignInAsync("partner@club.demo");
        var report = await partner.GetStringAsync("/reports?sort=TestsPassed");
        report.Should().Contain("Мария Кузнецова").And.Contain("Регистрации по неделям");
        using var xlsx = new MemoryStream(await partner.GetByteArrayAsync("/reports/export.xlsx?sort=TestsPassed"));
        var row = xlsx.Query(useHeaderRow: true, sheetName: "Продавцы").Cast<IDictionary<string, object>>().First();
        Convert.ToInt32(row["Тестов сдано"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(1);
        Convert.ToInt32(row["Баллов начислено"], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(200);
    }

    [Fact]
    public async Task A_partner_manager_subscribes_and_unsubscribes_on_the_reports_page()
    {
        var partner = site.CreateBrowserlessClient();
        await partner.SignInAsync("partner@club.demo");

        var monthly = await HtmlForms.SubmitAsync(partner, "/reports", new Dictionary<string, string> { ["_handler"] = "subscribe", ["period"] = "Monthly" });
        (await monthly.Content.ReadAsStringAsync()).Should().Contain("каждый месяц");
        var none = await HtmlForms.SubmitAsync(partner, "/reports", new Dictionary<string, string> { ["_handler"] = "subscribe", ["period"] = "none" });
        (await none.Content.ReadAsStringAsync()).Should().Contain("нет подписки");
    }

    [Fact]
    public async Task Lesson_text_is_shown_as_text_never_as_html()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");
        var courseId = await DemoCourseIdAsync();

        await HtmlForms.SubmitAsync(manager, $"/manage/courses/{courseId}", new Dictionary<string, string>
        {
            ["_handler"] = "lesson", ["Lesson.Title"] = "XSS", ["Lesson.Text"] = "<script>alert(1)</script>", ["Lesson.Video"] = "",
        });
        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");
        var page = await seller.GetStringAsync($"/training/{courseId}");

        page.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>alert(1)</script>");
    }

    private async Task<int> DemoCourseIdAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        return await db.Courses.Where(c => c.Title == DemoTraining.CourseTitle).Select(c => c.Id).SingleAsync();
    }

    /// <summary>The demo course and the right answers as form fields (Input.Answers[{id}] = position, or [{id}-{position}] for several).</summary>
    private async Task<(int CourseId, List<KeyValuePair<string, string>> Answers)> DemoTestAsync()
    {
        var courseId = await DemoCourseIdAsync();
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var questions = await db.Questions.Where(q => q.CourseId == courseId).ToListAsync();
        return (courseId, questions
            .SelectMany(q => q.Correct.Select(c => KeyValuePair.Create(
                q.Multiple ? $"Input.Answers[{q.Id}-{c}]" : $"Input.Answers[{q.Id}]", c.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToList());
    }

    private async Task<(string Own, (int Id, string Name) Other)> PartnerNamesAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var ownId = await db.Members.Where(m => db.Users.Any(u => u.Id == m.Id && u.Email == "partner@club.demo")).Select(m => m.PartnerId).SingleAsync();
        var own = await db.Partners.Where(p => p.Id == ownId).Select(p => p.Name).SingleAsync();
        var other = await db.Partners.Where(p => p.Id != ownId).OrderBy(p => p.Id).Select(p => new { p.Id, p.Name }).FirstAsync();
        return (own, (other.Id, other.Name));
    }
}
