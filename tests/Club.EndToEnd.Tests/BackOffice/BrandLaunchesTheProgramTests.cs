using System.Globalization;
using System.Text.RegularExpressions;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Club.Application.Features.Sellers;
using Club.EndToEnd.Tests.Phone;
using Club.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Club.EndToEnd.Tests.BackOffice;

/// <summary>The browser over a fresh production-like database: migrated, no demo data, no administrator yet.</summary>
public sealed class EmptyBrowserSite() : BrowserSite(new EmptyDatabaseSite())
{
    private sealed class EmptyDatabaseSite : ClubWebFactory
    {
        protected override bool DemoData => false;
    }
}

/// <summary>
/// The brand launches the program on an empty database, through the back office only: the first
/// administrator from the command line, partner, shop, product with a photo, a catalogue import, two
/// invited staff, a batch made, shipped and put on sale, a buyer who registers it, the partner's report
/// and the audit log of it all. Each back-office page is kept in the gallery at 390 and 1280 px.
/// </summary>
public partial class BrandLaunchesTheProgramTests(EmptyBrowserSite site) : IClassFixture<EmptyBrowserSite>
{
    /// <summary>Beside the page walker's folders, so a reviewer finds every screenshot in one place.</summary>
    public static string Gallery { get; } = Path.Combine(EveryPageOnAPhoneTests.GalleryFolder, EveryPageOnAPhoneTests.BackOfficeFolder);

    private const string Password = "violet-lamp-2026";

    [Fact]
    public async Task A_brand_sets_up_its_program_from_an_empty_database_to_a_registered_tag()
    {
        if (Directory.Exists(Gallery))
        {
            Directory.Delete(Gallery, recursive: true);
        }

        Directory.CreateDirectory(Gallery);

        // The first administrator: the command line prints a single-use link.
        string adminLink;
        await using (var command = SiteProcess.Start(site.ConnectionString, arguments: ["create-admin", "--email", "owner@brand.example"]))
        {
            (await command.WaitForExitAsync(TimeSpan.FromMinutes(2))).Should().Be(0, string.Join('\n', command.Output));
            adminLink = new Uri(InvitationLink().Match(string.Join('\n', command.Output)).Value).PathAndQuery;
        }

        var admin = await AcceptAndEnrolAsync(adminLink, "owner@brand.example");

        // A partner and its shop.
        await admin.GotoAsync("/manage/partners/new");
        await admin.Locator("#partner-name").FillAsync("Лазурит");
        await admin.Locator("#partner-legal").FillAsync("ООО «Лазурит»");
        await admin.Locator("#partner-contact").FillAsync("Анна, +7 900 000-00-00");
        await admin.Locator("form:has(#partner-name) button[type=submit]").ClickAsync();
        await admin.WaitForURLAsync(new Regex(@"/manage/partners/\d+\?saved=1$"));
        await admin.Locator("#new-shop-name").FillAsync("Лазурит на Тверской");
        await admin.Locator("#new-shop-city").FillAsync("Москва");
        await admin.Locator("#new-shop-street").FillAsync("ул. Тверская, 1");
        await admin.Locator("#new-shop-name").PressAsync("Enter");
        await Assertions.Expect(admin.Locator("form input[name=name][value='Лазурит на Тверской']")).ToHaveCountAsync(1);
        await ShotAsync(admin, "01-partner");
        await admin.GotoAsync("/manage/partners");
        await ShotAsync(admin, "02-partners");

        // The reference lists a fresh database lacks (categories come with it): a collection and a metal.
        await admin.GotoAsync("/manage/catalogue");
        await AddTermAsync(admin, "Collection", "Aurora", "Аврора");
        await AddTermAsync(admin, "Metal", "Silver925", "Серебро 925");
        await ShotAsync(admin, "03-catalogue");

        // A product with a photo.
        await admin.GotoAsync("/manage/products/new");
        await admin.Locator("#sku").FillAsync("AU-R01");
        await admin.Locator("#name").FillAsync("Кольцо «Аврора»");
        await admin.Locator("#collection").SelectOptionAsync("Aurora");
        await admin.Locator("#category").SelectOptionAsync("Ring");
        await admin.Locator("#metal").SelectOptionAsync("Silver925");
        await admin.Locator("#price").FillAsync("4900");
        await admin.Locator("#sku").PressAsync("Enter");
        await admin.WaitForURLAsync(new Regex(@"/manage/products/\d+\?saved=1$"));
        await admin.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "ring.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(800, 600) });
        await admin.Locator("form:has(#photo) button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Locator("img[src*='/media/']").First).ToBeVisibleAsync();
        await ShotAsync(admin, "04-product");

        // 200 products from a spreadsheet, 3 of them wrong: the dry run names exactly those, and nothing is
        // written until the refused rows are left out.
        var xlsx = CatalogueSpreadsheet();
        await admin.GotoAsync("/manage/products/import");
        await admin.Locator("#file").SetInputFilesAsync(xlsx);
        await admin.Locator("button[name=mode][value=check]").ClickAsync();
        var refused = admin.Locator("#refused-rows tbody tr");
        await Assertions.Expect(refused).ToHaveCountAsync(3);
        (await refused.AllInnerTextsAsync()).Select(row => row.Split('\t')[1..3].Select(c => c.Trim()).ToArray()).Should().BeEquivalentTo(
            new[] { new[] { "IMP-010", "name_ru" }, new[] { "IMP-100", "metal" }, new[] { "IMP-150", "recommended_price" } });
        await ShotAsync(admin, "05-import-dry-run");
        await admin.Locator("#file").SetInputFilesAsync(xlsx);
        await admin.Locator("button[name=mode][value=apply]").ClickAsync();
        await Assertions.Expect(refused).ToHaveCountAsync(3);
        (await ProductCountAsync()).Should().Be(1, "a file with refused rows writes nothing unless they are left out");
        await admin.Locator("#file").SetInputFilesAsync(xlsx);
        await admin.Locator("#skip").CheckAsync();
        await admin.Locator("button[name=mode][value=apply]").ClickAsync();
        await Assertions.Expect(admin.Locator("#import-result.alert.ok")).ToBeVisibleAsync();
        (await ProductCountAsync()).Should().Be(1 + 197);
        await admin.GotoAsync("/manage/products");
        await ShotAsync(admin, "06-products");

        // Two staff members are invited and accept by the mailed link.
        await admin.GotoAsync("/manage/staff");
        await InviteAsync(admin, "factory@brand.example", "Фёдор Заводской", "FactoryStaff");
        await InviteAsync(admin, "partner@lazurit.example", "Анна Лазурит", "PartnerManager", partner: "Лазурит");
        await ShotAsync(admin, "07-staff");
        var factory = await AcceptAndEnrolAsync(await MailedInvitationAsync("factory@brand.example"), "factory@brand.example");
        var partnerManager = await AcceptAndEnrolAsync(await MailedInvitationAsync("partner@lazurit.example"), "partner@lazurit.example");

        // A seller of the new shop joins and the administrator activates her.
        var shop = (await SendAsync(new ListShopChoicesQuery())).Single();
        var seller = await site.NewPhonePageAsync();
        await seller.GotoAsync("/account/seller-sign-up");
        await seller.Locator("#name").FillAsync("Вера Новикова");
        await seller.Locator("#phone").FillAsync("+7 916 321-54-76");
        await seller.Locator("#email").FillAsync("vera.seller@example.com");
        await seller.Locator("#shop").SelectOptionAsync(shop.ShopId.ToString(CultureInfo.InvariantCulture));
        await seller.Locator("#position").FillAsync("Продавец-консультант");
        await seller.Locator("#password").FillAsync("vera-pass-1");
        await seller.Locator("#consent").CheckAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Отправить заявку" }).ClickAsync();
        await site.ConfirmSignUpAsync(seller, "vera.seller@example.com", "vera-pass-1");
        await admin.GotoAsync("/manage/sellers");
        await ShotAsync(admin, "08-sellers");
        await admin.Locator("li.card", new() { HasText = "Вера Новикова" }).GetByRole(AriaRole.Button, new() { Name = "Активировать" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".alert.ok")).ToBeVisibleAsync();

        // The factory makes a batch of the new product, prints it, ships it to the partner and puts it on sale.
        await factory.GotoAsync("/factory");
        await factory.Locator("#sku").SelectOptionAsync("AU-R01");
        await factory.Locator("#quantity").FillAsync("3");
        await ShotAsync(factory, "09-factory");
        await factory.Locator("#quantity").PressAsync("Enter");
        await factory.GetByRole(AriaRole.Link, new() { Name = "Открыть партию" }).ClickAsync(new() { Timeout = 60_000 });
        await ShotAsync(factory, "10-batch");
        var csvLink = factory.Locator("a[href*='/files/'][href$='.csv']");
        var printFile = await (await factory.Context.APIRequest.GetAsync((await csvLink.GetAttributeAsync("href"))!)).TextAsync();
        var firstTag = printFile.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(',');
        var (serial, scratchCode) = (firstTag[0], firstTag[2]);
        var printed = factory.Locator("form", new() { Has = factory.GetByRole(AriaRole.Button, new() { Name = "Отметить напечатанной" }) });
        await printed.Locator("input[name=confirm]").CheckAsync();
        await printed.Locator("button[type=submit]").ClickAsync();
        await factory.Locator("#ship-partner").SelectOptionAsync("Лазурит");
        await factory.GetByRole(AriaRole.Button, new() { Name = "Отметить отгруженной" }).ClickAsync();
        await factory.GetByRole(AriaRole.Button, new() { Name = "Отметить активной (в продаже)" }).ClickAsync();
        await Assertions.Expect(factory.GetByText("В продаже").First).ToBeVisibleAsync();
        await ShotAsync(factory, "11-batch-active");

        // The seller records the sale by typing the serial.
        await seller.GotoAsync("/seller/sales");
        await seller.Locator("#serial").FillAsync(serial);
        await seller.GetByRole(AriaRole.Button, new() { Name = "Записать продажу" }).ClickAsync();
        await Assertions.Expect(seller.Locator(".alert.ok")).ToContainTextAsync("Продажа записана.");

        // A buyer joins from the scan page, registers the tag with its scratch code and sees the product's photo.
        var buyer = await site.NewPhonePageAsync();
        await buyer.GotoAsync($"/T/{serial}");
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Подлинное изделие" })).ToBeVisibleAsync();
        await site.JoinFromScanPageAsync(buyer, "Алиса Ветрова", "alisa@example.com", "+7 917 555-12-34", "amber-river-31");
        await buyer.WaitForURLAsync($"**/T/{serial}");
        await buyer.GetByLabel("Код под защитным слоем").FillAsync(scratchCode);
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".alert.ok")).ToContainTextAsync("Изделие зарегистрировано на вас.");
        await Assertions.Expect(buyer.Locator("img[src*='/media/']").First).ToBeVisibleAsync();
        (await buyer.Locator("img[src*='/media/']").First.EvaluateAsync<int>("img => img.naturalWidth")).Should().BePositive("the photo loads");

        // The partner manager sees the sale in the partner's report: the seller and the shop with one registered item.
        await partnerManager.GotoAsync("/reports");
        await Assertions.Expect(partnerManager.Locator("main")).ToContainTextAsync("Лазурит");
        var sellerRow = partnerManager.Locator("#sellers tbody tr", new() { HasText = "Вера Новикова" });
        await Assertions.Expect(sellerRow).ToContainTextAsync("Лазурит на Тверской");
        await Assertions.Expect(sellerRow.Locator("td").Nth(3)).ToHaveTextAsync("1", new() { UseInnerText = true });
        await Assertions.Expect(sellerRow.Locator("td").Nth(5)).ToHaveTextAsync("1", new() { UseInnerText = true });
        await ShotAsync(partnerManager, "12-partner-report");

        // The audit log shows each step, with who did it.
        await admin.GotoAsync("/manage/audit");
        var audit = await admin.Locator("main").InnerTextAsync();
        foreach (var action in new[]
                 {
                     "staff.create-admin", "partner.create", "shop.create", "catalogue-term.create", "product.create", "product.photo-add",
                     "product.import", "staff.invite", "seller.decision", "batch.create", "batch.state",
                 })
        {
            audit.Should().Contain(action);
        }

        audit.Should().Contain("owner@brand.example").And.Contain("factory@brand.example");
        await ShotAsync(admin, "13-audit");
    }

    /// <summary>Opens an invitation link, sets the password, signs in and enrols the authenticator, as staff must.</summary>
    private async Task<IPage> AcceptAndEnrolAsync(string link, string email)
    {
        var page = await site.NewPhonePageAsync();
        await page.GotoAsync(link);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#confirm").FillAsync(Password);
        await page.Locator("#confirm").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".alert.ok")).ToBeVisibleAsync();

        await page.GotoAsync("/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("/account/two-factor");
        var key = Totp.KeyFromPage(await page.Locator("code.key").InnerTextAsync());
        await page.Locator("#code").FillAsync(Totp.Code(key));
        await page.Locator("#code").PressAsync("Enter");
        await Assertions.Expect(page.Locator("code.key")).ToHaveCountAsync(0);
        return page;
    }

    private static async Task AddTermAsync(IPage page, string list, string code, string name)
    {
        await page.Locator($"#{list}--code").FillAsync(code);
        await page.Locator($"#{list}--ru").FillAsync(name);
        await page.Locator($"#{list}--en").FillAsync(code);
        await page.Locator($"#{list}--code").PressAsync("Enter");
        await Assertions.Expect(page.Locator($"form input[name=code][value='{code}']")).ToHaveCountAsync(1);
    }

    private static async Task InviteAsync(IPage page, string email, string name, string role, string? partner = null)
    {
        await page.Locator("#invite-email").FillAsync(email);
        await page.Locator("#invite-name").FillAsync(name);
        await page.Locator("#invite-role").SelectOptionAsync(role);
        if (partner is not null)
        {
            await page.Locator("#invite-partner").SelectOptionAsync(new SelectOptionValue { Label = partner });
        }

        await page.Locator("#invite-email").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".card", new() { HasText = email })).ToHaveCountAsync(1);
    }

    /// <summary>Sends what the outbox holds (the scheduler is off in tests) and reads the invitation link from the mail.</summary>
    private async Task<string> MailedInvitationAsync(string email)
    {
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DeliverMailCommand());
        }

        var mails = await TestMail.ToAsync(site.MailFolder, email);
        var link = mails.Select(m => InvitationLink().Match(m.TextBody ?? "")).First(m => m.Success);
        return new Uri(link.Value).PathAndQuery;
    }

    private async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    private async Task<int> ProductCountAsync()
    {
        await using var db = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        return await db.Products.CountAsync();
    }

    /// <summary>200 rows; line 10's name is missing, line 100's metal is not in the list, line 150's price is not a number.</summary>
    private static FilePayload CatalogueSpreadsheet()
    {
        var rows = Enumerable.Range(1, 200).Select(n => new Dictionary<string, object>
        {
            ["sku"] = $"IMP-{n:000}",
            ["name_ru"] = n == 10 ? "" : $"Подвеска №{n}",
            ["collection"] = "Aurora",
            ["category"] = "Pendant",
            ["metal"] = n == 100 ? "Unobtainium" : "Silver925",
            ["recommended_price"] = n == 150 ? "дорого" : (1000 + n).ToString(CultureInfo.InvariantCulture),
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return new FilePayload
        {
            Name = "catalogue.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = stream.ToArray(),
        };
    }

    /// <summary>The page as it is (a phone, 390 px) and at 1280 px, into the gallery.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse($"{name} fits a phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Gallery, $"{name}-390.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Gallery, $"{name}-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
    }

    [GeneratedRegex("""https?://\S+/account/accept-invitation\?\S+""")]
    private static partial Regex InvitationLink();
}
