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
        await BrowserSite.FollowMenuLinkAsync(seller, "Обучение");
        await seller.GetByRole(AriaRole.Link, new() { Name = DemoTraining.CourseTitle }).ClickAsync();

        // The first lesson's picture is shown and loaded; the last lesson offers its PDF for download.
        var picture = seller.GetByRole(AriaRole.Img, new() { Name = DemoTraining.PictureTitle });
        await Assertions.Expect(picture).ToBeVisibleAsync();
        (await picture.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0")).Should().BeGreaterThan(0);
        (await picture.EvaluateAsync<int>("img => img.getBoundingClientRect().right")).Should().BeLessThanOrEqualTo(390, "the picture fits the phone's width");
        var pdf = seller.GetByRole(AriaRole.Link, new() { Name = DemoTraining.PdfTitle });
        await pdf.ScrollIntoViewIfNeededAsync();
        await BrowserSite.ScreenshotAsync(seller, "39-lesson-picture-and-pdf");
        var download = await seller.RunAndWaitForDownloadAsync(() => pdf.ClickAsync());
        download.SuggestedFilename.Should().Be("seller-checklist.pdf");
        var saved = Path.Combine(BrowserSite.ScreenshotFolder, "39-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        File.ReadAllBytes(saved).Take(5).Should().Equal("%PDF-"u8.ToArray());

        foreach (var _ in Enumerable.Range(0, 3))
        {
            await seller.GetByRole(AriaRole.Button, new() { Name = "Отметить урок прочитанным" }).First.ClickAsync();
        }

        await Assertions.Expect(seller.Locator(".alert.ok")).ToContainTextAsync("Курс пройден");
        await BrowserSite.ScreenshotAsync(seller, "40-course-completed");
        await seller.GetByRole(AriaRole.Link, new() { Name = "Перейти к тесту" }).ClickAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Начать тест" }).ClickAsync();
        await Assertions.Expect(seller.Locator("#test-form")).ToBeVisibleAsync();
        foreach (var (question, position) in right)
        {
            await seller.Locator($"#q{question}-{position}").CheckAsync();
        }

        await BrowserSite.ScreenshotAsync(seller, "41-test-answers");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Отправить ответы" }).ClickAsync();
        await Assertions.Expect(seller.Locator("#test-result")).ToContainTextAsync("Тест сдан!");
        (await seller.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(seller, "42-test-passed");

        var partner = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(partner, "partner@club.demo");
        await BrowserSite.FollowMenuLinkAsync(partner, "Отчёты");
        var row = partner.Locator("#sellers tbody tr", new() { HasText = "Мария Кузнецова" });
        await Assertions.Expect(row.Locator("td").Nth(7)).ToHaveTextAsync("1"); // tests passed
        await BrowserSite.ScreenshotAsync(partner, "43-partner-report");
        var xlsx = await partner.RunAndWaitForDownloadAsync(() => partner.GetByRole(AriaRole.Link, new() { Name = "Скачать XLSX" }).ClickAsync());
        var file = Path.Combine(BrowserSite.ScreenshotFolder, "43-partner-report.xlsx");
        await xlsx.SaveAsAsync(file);

        var rows = MiniExcel.Query(file, useHeaderRow: true, sheetName: "Продавцы").Cast<IDictionary<string, object>>().ToList();
        var maria = rows.Single(r => (string)r["Продавец"] == "Мария Кузнецова");
        Convert.ToInt32(maria["Тестов сдано"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(1);
        Convert.ToInt32(maria["Курсов пройдено"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(1);
    }

    [Fact]
    public async Task A_manager_adds_a_picture_to_a_lesson_and_a_file_too_large_is_stopped_in_the_browser()
    {
        var (course, lesson) = await SecondDemoLessonAsync();
        var manager = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(manager, "manager@club.demo");
        await manager.GotoAsync($"/manage/courses/{course}");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Выше" }).Nth(1).ClickAsync();
        await Assertions.Expect(manager.Locator("ol.items > li").First).ToHaveIdAsync($"lesson-{lesson}");
        await BrowserSite.ScreenshotAsync(manager, "37-manager-course");
        await manager.Locator($"#lesson-{lesson} a").ClickAsync();
        // The size check is a deferred script: a file chosen before it runs would meet no listener.
        await manager.WaitForURLAsync($"**/lessons/{lesson}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var input = manager.Locator("input[type=file]");

        var tooLarge = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(tooLarge, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[3 * 1024 * 1024]]);
        await input.SetInputFilesAsync(tooLarge);
        (await input.EvaluateAsync<string>("i => i.validationMessage")).Should().Be("Картинка больше 2 МБ.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Загрузить файл" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".alert")).ToHaveCountAsync(0);
        File.Delete(tooLarge);

        await input.SetInputFilesAsync(Path.Combine(Club.Testing.RepositoryRoot.Path, "samples", "training", "aquamarine-cuts.png"));
        await manager.GetByLabel("Подпись (для PDF — текст ссылки)").FillAsync("Две огранки");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Загрузить файл" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".alert.ok")).ToContainTextAsync("Файл загружен.");
        await Assertions.Expect(manager.GetByRole(AriaRole.Img, new() { Name = "Две огранки" })).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(manager, "38-manager-lesson-files");
    }

    private async Task<(int Course, int Lesson)> SecondDemoLessonAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var course = await db.Courses.Where(c => c.Title == DemoTraining.CourseTitle).Select(c => c.Id).SingleAsync();
        return (course, await db.Lessons.Where(l => l.CourseId == course).OrderBy(l => l.Position).Skip(1).Select(l => l.Id).FirstAsync());
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
