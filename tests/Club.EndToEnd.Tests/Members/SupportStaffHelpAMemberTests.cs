using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Infrastructure.Labels;
using Club.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Members;

public class SupportStaffHelpAMemberTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task Staff_find_a_member_by_a_misspelt_surname_correct_points_and_process_a_return_whose_new_label_registers()
    {
        // A buyer with one registered item, as the call centre would meet her.
        var (_, tags) = await TestTags.CreateBatchAsync(site.Services, 1);
        var (buyer, _) = await TestTags.CreateBuyerAsync(site.Services);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            (await mediator.Send(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode))).Outcome.Should().Be(RegistrationOutcome.Registered);
            await using var db = await scope.ServiceProvider.GetRequiredService<IClubDbFactory>().CreateAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE members SET full_name = 'Колокольцева Милана' WHERE id = {buyer}");
        }

        var staff = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(staff, "manager@club.demo");
        await BrowserSite.FollowMenuLinkAsync(staff, "Участники");
        await staff.Locator("input[name=q]").FillAsync("Калокольцева");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await BrowserSite.ScreenshotAsync(staff, "60-member-search");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Колокольцева Милана" }).ClickAsync();
        var before = int.Parse(await staff.Locator(".balance strong").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        before.Should().BeGreaterThan(0);
        (await staff.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();

        // Points missing after a call: a correction with a comment the member will see.
        await staff.Locator("input[name='Adjust.Amount']").FillAsync("120");
        await staff.Locator("select[name='Adjust.Reason']").SelectOptionAsync("MissingPoints");
        await staff.Locator("textarea[name='Adjust.Comment']").FillAsync("Баллы за акцию в салоне");
        await staff.Locator("input[name='Adjust.Show']").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Провести корректировку" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".alert.ok")).ToContainTextAsync("Корректировка проведена.");
        await Assertions.Expect(staff.Locator(".balance strong")).ToHaveTextAsync($"{before + 120}");
        await BrowserSite.ScreenshotAsync(staff, "61-member-corrected");

        // The earrings went back to the shop: every credit of the item is taken back, a new label is made.
        await staff.Locator("details summary", new() { HasText = "Возвращено в магазин" }).ClickAsync();
        await staff.Locator("input[name='Return.Reason']").FillAsync("Вернула в салон, чек 1234");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Оформить возврат" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".alert.ok").First).ToContainTextAsync("Возврат оформлен: списано 450 баллов.");
        await Assertions.Expect(staff.Locator(".balance strong")).ToHaveTextAsync("120");
        await BrowserSite.ScreenshotAsync(staff, "62-member-returned");

        var link = await staff.GetByRole(AriaRole.Link, new() { Name = "Скачать бирку на замену (PDF)" }).GetAttributeAsync("href");
        var response = await staff.APIRequest.GetAsync(link!);
        response.Ok.Should().BeTrue();
        var pdf = Path.Combine(Path.GetTempPath(), $"replacement-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.BodyAsync());
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "a4-sheet-3x8.json"));
        var (x, y) = template.LabelOrigin(0);
        var decoded = await QrDecoder.DecodeAsync(pdf, 1, [(x + template.Qr.XMm, y + template.Qr.YMm, template.Qr.SizeMm, template.Qr.SizeMm)]);
        decoded.Single().Should().EndWith("/T/" + tags[0].Serial, "the replacement label carries the same serial");
        var newCode = await QrDecoder.PrintedScratchCodeAsync(pdf);
        File.Delete(pdf);

        // The next buyer registers the item with the new code; the old one no longer works.
        var (next, _) = await TestTags.CreateBuyerAsync(site.Services);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            (await mediator.Send(new RegisterItemCommand(next, tags[0].Serial, tags[0].ScratchCode))).Outcome.Should().Be(RegistrationOutcome.WrongCode);
            (await mediator.Send(new RegisterItemCommand(next, tags[0].Serial, newCode))).Outcome.Should().Be(RegistrationOutcome.Registered);
        }

        // The audit log shows both changes with who made them.
        await staff.GotoAsync("/manage/audit");
        await Assertions.Expect(staff.Locator("body")).ToContainTextAsync("points.adjust");
        await Assertions.Expect(staff.Locator("body")).ToContainTextAsync("item.return");
        await BrowserSite.ScreenshotAsync(staff, "63-audit-log");
    }
}
