using System.Text.RegularExpressions;
using Club.Testing;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests;

/// <summary>
/// The real site on a loopback port and the machine's Chromium (Debian package `chromium`), headless.
/// Playwright's own browser download cannot work here, so it drives /usr/bin/chromium.
/// </summary>
public class BrowserSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly ClubWebFactory site;

    /// <summary>Contexts opened by <see cref="NewPhonePageAsync"/>, closed with the site: the browser outlives this class.</summary>
    private readonly List<IBrowserContext> contexts = [];

    public BrowserSite()
        : this(new ClubWebFactory())
    {
    }

    /// <summary>The browser over another kind of site (e.g. one on a database without demo data).</summary>
    protected BrowserSite(ClubWebFactory site) => this.site = site;

    /// <summary>The site's database (for running the site's command line on it).</summary>
    public string ConnectionString => site.ConnectionString;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The process's one browser (<see cref="SharedBrowser"/>); a test closes the contexts it opens on it.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public string MailFolder => site.MailFolder;

    /// <summary>The site's services, to prepare data (e.g. print a batch of tags) the way the app does.</summary>
    public IServiceProvider Services => site.Services;

    /// <summary>Screenshots of each end-to-end test, kept as artifacts under the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)site).InitializeAsync();
        BaseUrl = site.StartKestrel();
        Browser = await SharedBrowser.GetAsync();
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh phone-sized browser session (no cookies) with a touch screen.</summary>
    public async Task<IPage> NewPhonePageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "ru-RU",
        });
        lock (contexts)
        {
            contexts.Add(context);
        }

        return await context.NewPageAsync();
    }

    /// <summary>
    /// The second step of joining, as a member does it on the same phone: opens the link mailed to
    /// <paramref name="email"/>, types the password chosen in the form again and makes the account.
    /// </summary>
    public async Task ConfirmSignUpAsync(IPage page, string email, string password)
    {
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Проверьте почту");
        await page.GotoAsync(await TestMail.SignUpLinkAsync(MailFolder, email));
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Вступить в клуб" }).ClickAsync();
    }

    /// <summary>
    /// Joins from the scan page of an available tag, as a buyer who has just scanned it does: the join
    /// link, the form, the mailed confirmation; the site returns the new member to the tag's page.
    /// </summary>
    public async Task JoinFromScanPageAsync(IPage page, string name, string email, string phone, string password)
    {
        await page.Locator("section.card a.button.primary").ClickAsync();
        await page.GetByLabel("Ваше имя").FillAsync(name);
        await page.GetByLabel("Электронная почта").FillAsync(email);
        await page.GetByLabel("Телефон").FillAsync(phone);
        await page.GetByLabel("Пароль").FillAsync(password);
        await page.Locator("#consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать аккаунт" }).ClickAsync();
        await ConfirmSignUpAsync(page, email, password);
    }

    /// <summary>Signs a demo account in through the sign-in form and waits for its cabinet.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        // The URL is polled (Expect), not awaited as a navigation: WaitForURL on a URL the click already reached waits
        // for that page's load event, and on a busy CI machine that wait once outlasted 90 s on a page already shown.
        var past = new Regex("/cabinet|/account/sign-in/code");
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/account/sign-in");
            await page.Locator("#email").FillAsync(email);
            await page.Locator("#password").FillAsync(Club.Infrastructure.Persistence.DemoData.DemoAccounts.Password);
            await page.Locator("form button[type=submit]").ClickAsync();
            try
            {
                // A sign-in hashes the password: on a busy 2-core machine running other browser tests it can take longer than the default 30 s wait.
                await Assertions.Expect(page).ToHaveURLAsync(past, new() { Timeout = 90_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 2)
            {
                // The site may answer "busy, try again" when every password-check slot stayed taken (other classes' sign-ins): a person would retry once.
            }
            catch (PlaywrightException)
            {
                var said = await page.Locator(".alert, .field-error").AllInnerTextsAsync();
                throw new TimeoutException($"Signing in {email} did not get past the password: the page is {page.Url}, saying: {string.Join(" | ", said)}");
            }
        }

        if (page.Url.Contains("/account/sign-in/code", StringComparison.Ordinal))
        {
            // Demo staff have an authenticator with the demo key: type the code a phone app would show.
            await page.Locator("#code").FillAsync(Club.Testing.Totp.Code(Club.Infrastructure.Persistence.DemoData.DemoAccounts.AuthenticatorKey));
            await page.Locator("form button[type=submit]").ClickAsync();
            try
            {
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/cabinet$"), new() { Timeout = 90_000 });
            }
            catch (PlaywrightException)
            {
                // Say where the browser stood and what the page said, so a failure on a loaded CI machine can be read.
                var said = await page.Locator(".alert, .field-error").AllInnerTextsAsync();
                throw new TimeoutException($"Signing in {email} with the authenticator code did not reach /cabinet: the page is {page.Url}, saying: {string.Join(" | ", said)}");
            }
        }
    }

    /// <summary>Opens the main menu where it is folded behind its button (a phone); on a wide screen it is always open.</summary>
    public static async Task OpenMenuAsync(IPage page)
    {
        var button = page.Locator("details.menu > summary");
        if (await button.IsVisibleAsync() && await page.Locator("details.menu").GetAttributeAsync("open") is null)
        {
            await button.ClickAsync();
        }
    }

    /// <summary>Follows a link of the main menu, opening it first as a person would.</summary>
    public static async Task FollowMenuLinkAsync(IPage page, string name)
    {
        await OpenMenuAsync(page);
        await page.Locator("details.menu").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        await ((IAsyncLifetime)site).DisposeAsync();
    }
}
