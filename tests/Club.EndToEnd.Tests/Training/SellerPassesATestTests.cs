using Club.Infrastructure.Persistence;
using Club.Infrastructure.Persistence.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Club.EndToEnd.Tests.Training;

public class SellerPassesATestTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_seller_passes_the_test_on_a_phone_and_the_partner_manager_sees_it_in_the_report_and_the_xlsx()
    {
        var right = await RightAnswersAsync();
        var seller = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(seller, "seller@club.demo");
        await seller.GetByRole(AriaRole.Link, new() { Name = "Обучение" }).First.ClickAsync();
        await seller.GetByRole(AriaRole.Link, new() { Name = DemoTraining.CourseTitle }).ClickAsync();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await seller.GetByRole(AriaRole.Button, new() { Name = "Я прочитал(а) этот урок" }).First.ClickAsync();
        }

        await Assertions.Expect(seller.Locator(".alert.ok")).ToContainTextAsync("Курс пройден");
        await BrowserSite.ScreenshotAsync(seller, "40-course-completed");
        await seller.GetByRole(AriaRole.Link, new() { Name = "Перейти к тесту" }).ClickAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Начать тест" }).ClickAsync();
        await Assertions.Expect(seller.Locator("#test-form")).ToBeVisibleAsync();
        foreach (var (question, position) in right)
        {
            await seller.Locator($"input[name=q{question}][value='{position}']").CheckAsync();
        }

        await BrowserSite.ScreenshotAsync(seller, "41-test-answers");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Отправить ответы" }).ClickAsync();
        await Assertions.Expect(seller.Locator("#test-result")).ToContainTextAsync("Тест сдан!");
        (await seller.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(seller, "42-test-passed");

        var partner = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(partner, "partner@club.demo");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Отчёты" }).First.ClickAsync();
        var row = partner.Locator("#sellers tbody tr", new() { HasText = "Мария Кузнецова" });
        await Assertions.Expect(row.Locator("td").Nth(7)).ToHaveTextAsync("1"); // tests passed
        await BrowserSite.ScreenshotAsync(partner, "43-partner-report");
        var download = await partner.RunAndWaitForDownloadAsync(() => partner.GetByRole(AriaRole.Link, new() { Name = "Скачать XLSX" }).ClickAsync());
        var file = Path.Combine(BrowserSite.ScreenshotFolder, "43-partner-report.xlsx");
        await download.SaveAsAsync(file);

        var rows = MiniExcel.Query(file, useHeaderRow: true, sheetName: "Продавцы").Cast<IDictionary<string, object>>().ToList();
        var maria = rows.Single(r => (string)r["Продавец"] == "Мария Кузнецова");
        Convert.ToInt32(maria["Тестов сдано"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(1);
        Convert.ToInt32(maria["Курсов пройдено"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(1);
    }

    /// <summary>Question id and the position of a right option, from the bank (the page never shows them).</summary>
    private async Task<List<(int Question, int Position)>> RightAnswersAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var questions = await db.Questions.Where(q => db.Courses.Any(c => c.Id == q.CourseId && c.Title == DemoTraining.CourseTitle)).ToListAsync();
        return questions.SelectMany(q => q.Correct.Select(c => (q.Id, c))).ToList();
    }
}
