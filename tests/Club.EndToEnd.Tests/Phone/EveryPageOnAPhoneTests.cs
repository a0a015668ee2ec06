using System.Globalization;
using System.Net;
using System.Text;
using Club.Application.Features.Registration;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Club.EndToEnd.Tests.Phone;

/// <summary>
/// Every page of every role (found from the site's routes and its own authorization, not a hand list)
/// opened on a 390x844 phone in Russian: no page may be wider than the screen, and each is kept as a
/// screenshot in the gallery (<see cref="GalleryFolder"/>, with an index.html) for a reviewer to flip through.
/// Each page is also scanned by axe for WCAG 2.2 A/AA (<see cref="AxeCheck"/>, axe-report.html in the gallery).
/// Staff pages (those a staff role has beyond the public ones) are then opened again at 1280x800 on the
/// same signed-in page, as the back office is mostly used at a desk: they must fit that width too, and are
/// kept in the gallery under "role (1280 px)". Last, every role walks its pages once more on the phone in
/// English (the language cookie, as the language switch sets it), kept under "role (English)": the same
/// width and touch-target checks, so an English label that is longer than the Russian one cannot overflow.
/// A partner manager walks with the ids of his own partner's course and survey, as his menu offers them.
/// </summary>
[Collection(HeavyEndToEnd.Name)]
public class EveryPageOnAPhoneTests(BrowserSite site, ITestOutputHelper output) : IClassFixture<BrowserSite>
{
    /// <summary>The gallery: one folder per visitor, one numbered screenshot per page, and index.html.</summary>
    public static string GalleryFolder { get; } = Path.Combine(BrowserSite.ScreenshotFolder, "phone-walk");

    /// <summary>The back-office walk-through's screenshots (BrandLaunchesTheProgramTests), kept when this walk starts over.</summary>
    public const string BackOfficeFolder = "back-office";

    private const int PhoneWidth = 390;

    private const int DesktopWidth = 1280;

    [Fact]
    public async Task Every_page_of_every_role_fits_a_phone_and_is_kept_in_the_gallery()
    {
        var values = await DemoRouteValuesAsync();
        var partnerValues = await PartnerRouteValuesAsync(values);
        foreach (var earlier in Directory.Exists(GalleryFolder) ? Directory.GetDirectories(GalleryFolder) : [])
        {
            if (Path.GetFileName(earlier) != BackOfficeFolder)
            {
                Directory.Delete(earlier, recursive: true);
            }
        }

        var problems = new List<string>();
        var gallery = new List<(string Visitor, string Page, string File, string? Problem)>();
        var desktopGallery = new List<(string Visitor, string Page, string File, string? Problem)>();
        var englishGallery = new List<(string Visitor, string Page, string File, string? Problem)>();
        var publicPages = (await SiteRoutes.PagesAsync(site.Services, null)).Select(r => r.Template).ToHashSet(StringComparer.Ordinal);
        var visitors = new List<DemoAccounts.Account?> { null };
        visitors.AddRange(DemoAccounts.All);
        var axe = new AxeCheck();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var account in visitors)
        {
            var visitor = account is null ? "anonymous" : account.Role;
            var pages = await SiteRoutes.PagesAsync(site.Services, account?.Role);
            var context = await site.Browser.NewContextAsync(PhoneContext(site.BaseUrl));
            var page = await context.NewPageAsync();
            if (account is not null)
            {
                await BrowserSite.SignInAsync(page, account.Email);
            }

            var visitorValues = account?.Role == Club.Domain.Members.Roles.PartnerManager ? partnerValues : values;
            problems.AddRange(await PhonePassAsync(page, visitor, visitor, pages, visitorValues, gallery, axe));

            if (account is not null)
            {
                // The menu open, as the person sees it after tapping the menu button: its groups must fit too.
                await page.GotoAsync("/cabinet");
                await page.Locator("details.menu > summary").ClickAsync();
                var problem = Join(await OverflowAsync(page, PhoneWidth), await axe.CheckAsync(page, visitor, "/cabinet (menu open)"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(GalleryFolder, visitor, "00-menu.png") });
                gallery.Add((visitor, "/cabinet (menu open)", $"{visitor}/00-menu.png", problem));
                if (problem is not null)
                {
                    problems.Add($"{visitor} menu: {problem}");
                }
            }

            if (account is not null && Club.Domain.Members.Roles.NeedSecondFactor.Contains(account.Role))
            {
                var staffPages = pages.Where(route => !publicPages.Contains(route.Template)).ToList();
                problems.AddRange(await DesktopPassAsync(page, visitor, staffPages, visitorValues, desktopGallery));
                output.WriteLine($"{visitor}: {staffPages.Count} staff pages at {DesktopWidth} px");
            }

            await page.SetViewportSizeAsync(PhoneWidth, 844);
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "club.culture", Value = "c=en|uic=en", Url = site.BaseUrl }]);
            problems.AddRange(await PhonePassAsync(page, $"{visitor} (English)", $"{visitor}-en", pages, visitorValues, englishGallery, axe: null));

            output.WriteLine($"{visitor}: {pages.Count} pages");
            await context.CloseAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(GalleryFolder, "index.html"), GalleryHtml([.. gallery, .. englishGallery, .. desktopGallery]));
        await axe.WriteReportAsync(GalleryFolder);
        output.WriteLine($"{gallery.Count} pages, {englishGallery.Count} in English, in {clock.Elapsed.TotalSeconds:F0} s; gallery: {GalleryFolder}");
        output.WriteLine($"axe: {axe.Summary}");
        gallery.Select(g => g.Visitor).Distinct().Should().HaveCount(visitors.Count, "every role has pages of its own");
        problems.Should().BeEmpty();
    }

    /// <summary>
    /// One walk of a visitor's pages on the phone: no horizontal overflow, no small targets and (when
    /// <paramref name="axe"/> is given) no axe finding, and a screenshot each in <paramref name="folderName"/>.
    /// </summary>
    private static async Task<List<string>> PhonePassAsync(
        IPage page, string visitor, string folderName, IReadOnlyList<SiteRoute> pages, Dictionary<string, string> values,
        List<(string Visitor, string Page, string File, string? Problem)> gallery, AxeCheck? axe)
    {
        var problems = new List<string>();
        var folder = Path.Combine(GalleryFolder, folderName);
        Directory.CreateDirectory(folder);
        var number = 0;
        foreach (var route in pages)
        {
            var path = SiteRoutes.Fill(route, ValuesFor(route, values));
            var response = await page.GotoAsync(path);
            var problem = response is not null && response.Status >= (int)HttpStatusCode.InternalServerError
                ? $"answered {response.Status}"
                : Join(await OverflowAsync(page, PhoneWidth), await SmallTargetsAsync(page), axe is null ? null : await axe.CheckAsync(page, visitor, path));
            var file = $"{++number:00}-{Slug(route.Template)}.png";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), FullPage = true });
            gallery.Add((visitor, path, $"{folderName}/{file}", problem));
            if (problem is not null)
            {
                problems.Add($"{visitor} {path}: {problem}");
            }
        }

        return problems;
    }

    /// <summary>
    /// The staff pages once more at desk width on the same signed-in page: no horizontal overflow, and a
    /// screenshot each (folder "role-1280"). Only the width is checked here; the phone pass ran the rest.
    /// </summary>
    private async Task<List<string>> DesktopPassAsync(
        IPage page, string visitor, IReadOnlyList<SiteRoute> staffPages, Dictionary<string, string> values,
        List<(string Visitor, string Page, string File, string? Problem)> gallery)
    {
        var problems = new List<string>();
        await page.SetViewportSizeAsync(DesktopWidth, 800);
        var folder = Path.Combine(GalleryFolder, $"{visitor}-{DesktopWidth}");
        Directory.CreateDirectory(folder);
        var number = 0;
        foreach (var route in staffPages)
        {
            var path = SiteRoutes.Fill(route, ValuesFor(route, values));
            var response = await page.GotoAsync(path);
            var problem = response is not null && response.Status >= (int)HttpStatusCode.InternalServerError
                ? $"answered {response.Status}"
                : await OverflowAsync(page, DesktopWidth);
            var file = $"{++number:00}-{Slug(route.Template)}.png";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), FullPage = true });
            gallery.Add(($"{visitor} ({DesktopWidth} px)", path, $"{visitor}-{DesktopWidth}/{file}", problem));
            if (problem is not null)
            {
                problems.Add($"{visitor} at {DesktopWidth} px {path}: {problem}");
            }
        }

        return problems;
    }

    /// <summary>Every check's finding on one page (each check runs, so the axe report covers every page), or null.</summary>
    private static string? Join(params string?[] problems) =>
        problems.Any(p => p is not null) ? string.Join("; ", problems.Where(p => p is not null)) : null;

    private static BrowserNewContextOptions PhoneContext(string baseUrl) => new()
    {
        BaseURL = baseUrl,
        ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 },
        // 1x keeps a few hundred full-page screenshots quick on a CI machine; the layout is the phone's.
        DeviceScaleFactor = 1,
        IsMobile = true,
        HasTouch = true,
        Locale = "ru-RU",
    };

    /// <summary>Null when the page fits the screen's width; else the widths and the elements that stick out.</summary>
    private static async Task<string?> OverflowAsync(IPage page, int width)
    {
        // Against the screen's width, not innerWidth: a mobile browser widens its layout viewport to fit
        // wide content (innerWidth became 1,560 on the reports page), which would hide the very overflow looked for.
        var result = await page.EvaluateAsync<string>("""
            width => {
              const scroll = document.documentElement.scrollWidth;
              if (scroll <= width) return '';
              const out = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
                .slice(0, 4)
                .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '') + ' "' + (e.textContent || '').trim().slice(0, 30) + '"');
              return `${scroll} px wide on a ${width} px screen: ${out.join('; ')}`;
            }
            """, width);
        return result.Length == 0 ? null : result;
    }

    /// <summary>
    /// Null when every control is at least 24x24 px and every main action (primary and submit buttons)
    /// at least 44 px high; else the ones that are not. Links inside running text are exempt, as in WCAG 2.5.8.
    /// </summary>
    private static async Task<string?> SmallTargetsAsync(IPage page)
    {
        var result = await page.EvaluateAsync<string>("""
            () => {
              const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
              const name = e => e.tagName.toLowerCase() + (e.type ? '[' + e.type + ']' : '') + ' "' + (e.textContent || e.name || e.id || '').trim().slice(0, 25) + '"';
              const size = e => { const r = e.getBoundingClientRect(); return Math.round(r.width) + 'x' + Math.round(r.height); };
              const controls = [...document.querySelectorAll('button, a.button, input:not([type=hidden]), select, textarea, summary, nav a, .tabs a, .chips a')]
                .filter(visible).filter(e => !(e.type === 'file' && e.closest('.button.file')));
              const small = controls.filter(e => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; });
              const main = controls.filter(e => e.matches('.primary, button[type=submit]:not(.link)') && e.getBoundingClientRect().height < 44);
              const out = [...small.map(e => 'under 24 px: ' + name(e) + ' ' + size(e)), ...main.map(e => 'main action under 44 px: ' + name(e) + ' ' + size(e))];
              return out.slice(0, 5).join('; ') + (out.length > 5 ? ` and ${out.length - 5} more` : '');
            }
            """);
        return result.Length == 0 ? null : result;
    }

    /// <summary>
    /// Real ids for route parameters: a tag registered to the demo buyer (for the buyer's item pages), a fresh
    /// tag (for the scan page), and the first of each demo record. A parameter missing here is filled with a
    /// placeholder by <see cref="SiteRoutes.Fill"/> and its page shows "not found".
    /// </summary>
    private async Task<Dictionary<string, string>> DemoRouteValuesAsync()
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 2);
        await using var scope = site.Services.CreateAsyncScope();
        var buyer = await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync("buyer@club.demo");
        var registered = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new RegisterItemCommand(buyer!.Id, tags[0].Serial, tags[0].ScratchCode));
        registered.Succeeded.Should().BeTrue();

        await using var db = await scope.ServiceProvider.GetRequiredService<Club.Application.Abstractions.IClubDbFactory>().CreateAsync();
        var course = await db.Courses.OrderBy(c => c.Id).FirstAsync();
        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["item:Serial"] = tags[0].Serial,
            ["Serial"] = tags[1].Serial,
            ["BatchId"] = Id(batchId),
            ["gift:Id"] = Id(await db.Gifts.OrderBy(g => g.Id).Select(g => g.Id).FirstAsync()),
            ["Id"] = Id(course.Id),
            ["CourseId"] = Id(course.Id),
            ["LessonId"] = Id(await db.Lessons.Where(l => l.CourseId == course.Id).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync()),
            ["QuestionId"] = Id(await db.Questions.OrderBy(q => q.Id).Where(q => q.CourseId == course.Id).Select(q => q.Id).FirstAsync()),
            ["SurveyId"] = Id(await db.Surveys.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()),
            ["ContestId"] = Id(await db.Contests.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()),
            ["MemberId"] = buyer.Id.ToString(),
        };
    }

    /// <summary>
    /// The partner manager's own ids: a course (with a lesson and a question) and a survey of the demo
    /// partner, made here as the demo has none, so his course and survey pages show his records, not "not found".
    /// </summary>
    private async Task<Dictionary<string, string>> PartnerRouteValuesAsync(Dictionary<string, string> values)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var manager = await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync("partner@club.demo");
        await using var db = await scope.ServiceProvider.GetRequiredService<Club.Application.Abstractions.IClubDbFactory>().CreateAsync();
        var partnerId = await db.Members.Where(m => m.Id == manager!.Id).Select(m => m.PartnerId).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var course = new Club.Domain.Training.Course { Title = "Курс партнёра", PartnerId = partnerId, CreatedAt = now, CreatedBy = "partner@club.demo" };
        db.Courses.Add(course);
        var survey = new Club.Domain.Activities.Survey
        {
            Title = "Опрос партнёра", Target = Club.Domain.Activities.SurveyTarget.PartnerPeople, PartnerId = partnerId,
            OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(30), CreatedAt = now, CreatedBy = "partner@club.demo",
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        var lesson = new Club.Domain.Training.Lesson { CourseId = course.Id, Position = 1, Title = "Первый урок", Text = "Текст урока" };
        var question = new Club.Domain.Training.Question { CourseId = course.Id, Position = 2, Text = "Вопрос?", Options = ["Да", "Нет"], Correct = [0] };
        db.Lessons.Add(lesson);
        db.Questions.Add(question);
        await db.SaveChangesAsync();

        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = Id(course.Id),
            ["CourseId"] = Id(course.Id),
            ["LessonId"] = Id(lesson.Id),
            ["QuestionId"] = Id(question.Id),
            ["SurveyId"] = Id(survey.Id),
        };
    }

    /// <summary>The values for one route: a name given for the route's first segment ("gift:Id") wins over the plain name.</summary>
    private static Dictionary<string, string> ValuesFor(SiteRoute route, Dictionary<string, string> values)
    {
        var segment = route.Template.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var prefix = segment switch { "gifts" => "gift", "cabinet" => "item", _ => segment };
        return route.Parameters.ToDictionary(
            name => name,
            name => values.TryGetValue($"{prefix}:{name}", out var specific) ? specific : values.GetValueOrDefault(name, "1"),
            StringComparer.OrdinalIgnoreCase);
    }

    private static string Slug(string template)
    {
        // "/manage/courses/{Id:int}" becomes "manage-courses-id".
        var slug = new string(System.Text.RegularExpressions.Regex.Replace(template, ":[^}]*", "").Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "home" : slug;
    }

    private static string GalleryHtml(List<(string Visitor, string Page, string File, string? Problem)> gallery)
    {
        var html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Every page on a phone</title>")
            .Append("<style>body{font-family:sans-serif}figure{display:inline-block;vertical-align:top;margin:8px;width:200px}img{width:200px;border:1px solid #ccc}.bad{color:#b00}</style>");
        foreach (var group in gallery.GroupBy(g => g.Visitor))
        {
            html.Append("<h2>").Append(WebUtility.HtmlEncode(group.Key)).Append("</h2>");
            foreach (var (_, page, file, problem) in group)
            {
                html.Append("<figure><a href=\"").Append(file).Append("\"><img loading=lazy src=\"").Append(file).Append("\"></a><figcaption>")
                    .Append(WebUtility.HtmlEncode(page));
                if (problem is not null)
                {
                    html.Append("<br><span class=bad>").Append(WebUtility.HtmlEncode(problem)).Append("</span>");
                }

                html.Append("</figcaption></figure>");
            }
        }

        return html.ToString();
    }
}
