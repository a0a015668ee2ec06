using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Club.Application.Features.Surveys;

namespace Club.EndToEnd.Tests.Surveys;

public class BuyerAnswersASurveyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_buyer_answers_a_survey_on_a_phone_and_sees_the_points_after_the_reward_run()
    {
        var (_, email) = await TestTags.CreateBuyerAsync(site.Services, "survey-pass-1");
        var page = await site.NewPhonePageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("survey-pass-1");
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/cabinet");

        await BrowserSite.FollowMenuLinkAsync(page, "Заработать баллы");
        await Assertions.Expect(page.Locator("#surveys")).ToContainTextAsync("Как вам наши украшения?");
        await BrowserSite.ScreenshotAsync(page, "30-earn-points");
        await page.GetByRole(AriaRole.Link, new() { Name = "Как вам наши украшения?" }).ClickAsync();

        // Sending without the required answers keeps the form and says what is missing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить ответы" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Проверьте отмеченные ответы.");
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("Ответьте на этот вопрос.");

        await page.Locator("fieldset", new() { HasText = "Оцените качество изделия" }).GetByLabel("5").CheckAsync();
        await page.GetByLabel("В соцсетях").CheckAsync();
        await page.Locator("textarea").FillAsync("Больше колец с аквамарином!");
        await BrowserSite.ScreenshotAsync(page, "31-survey-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить ответы" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Спасибо за ответы!");
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();

        // What the scheduler does every few minutes.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PaySurveyRewardsCommand())).Should().BeGreaterThanOrEqualTo(1);
        }

        await page.GotoAsync("/cabinet/points");
        await Assertions.Expect(page.Locator(".balance strong")).ToHaveTextAsync("100");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Опрос пройден");
        await BrowserSite.ScreenshotAsync(page, "32-survey-points");

        await page.GotoAsync("/activities");
        await Assertions.Expect(page.Locator("#surveys")).ToContainTextAsync("Пройден");
    }
}
