using Microsoft.Playwright;

namespace Club.EndToEnd.Tests;

/// <summary>
/// One headless Chromium per test process, shared by every test class: each class isolates itself in
/// browser contexts (own cookies and storage), which start in milliseconds, while a browser takes
/// seconds and a few hundred megabytes to launch. Closed when the process exits; should the runner kill
/// the process first, Playwright's driver sees its pipe close and closes the browser itself.
/// </summary>
public static class SharedBrowser
{
    private static readonly Lazy<Task<IBrowser>> Browser = new(LaunchAsync);

    public static Task<IBrowser> GetAsync() => Browser.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSite.ChromiumPath,
            Headless = true,
            // No GPU, no sandbox (CI runs as root) and no background calls to the internet, which is closed here.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
            playwright.Dispose();
        };
        return browser;
    }
}
