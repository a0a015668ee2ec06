using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Security;

public class ScriptsUnderTheContentSecurityPolicyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task Pages_with_scripts_run_them_and_the_browser_reports_no_policy_violation()
    {
        var page = await site.NewPhonePageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        // Printing would open a dialog in a real browser; the page only has to call it.
        await page.AddInitScriptAsync("window.print = function () { window.printed = true; };");

        await BrowserSite.SignInAsync(page, "seller@club.demo");
        await page.GotoAsync("/seller/card");
        await page.GetByRole(AriaRole.Button, new() { Name = "Распечатать" }).ClickAsync();
        (await page.EvaluateAsync<bool>("window.printed === true")).Should().BeTrue("the print button works from its script file");

        await page.GotoAsync("/seller/sales");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GotoAsync("/");

        violations.Should().BeEmpty();
    }
}
