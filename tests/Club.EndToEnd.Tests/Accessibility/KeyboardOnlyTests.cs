using Club.Application.Features.Members;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Accessibility;

/// <summary>
/// The buyer's and the seller's main tasks with the keyboard alone (Tab, typing, Enter; no click): every element
/// the focus lands on shows a focus ring, and the answer to each post is an announced region that takes the focus.
/// </summary>
public class KeyboardOnlyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_buyer_signs_in_and_registers_an_item_from_the_scan_page_with_the_keyboard_alone()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var buyer = await TestTags.CreateBuyerAsync(site.Services, "keys-only-pass-1");
        var page = await site.NewPhonePageAsync();

        await page.GotoAsync($"/account/sign-in?returnUrl=/T/{tag.Serial}");
        await TabToAsync(page, "#email");
        await page.Keyboard.TypeAsync(buyer.Email);
        await TabToAsync(page, "#password");
        await page.Keyboard.TypeAsync("keys-only-pass-1");
        await page.Keyboard.PressAsync("Enter");
        // The path, not a glob: the sign-in page's own address ends with the same "/T/…" in its returnUrl.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/T/{tag.Serial}");

        // A mistyped code: the refusal is an alert that takes the focus, and the field points at it.
        await TabToAsync(page, "#code");
        await page.Keyboard.TypeAsync("AAAA-BBBB-CCC");
        await page.Keyboard.PressAsync("Enter");
        await ExpectFocusedResultAsync(page, "alert", "error");
        await Assertions.Expect(page.Locator("#code")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#code")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("registration-result"));

        await TabToAsync(page, "#code");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(tag.ScratchCode);
        await page.Keyboard.PressAsync("Enter");
        var result = await ExpectFocusedResultAsync(page, "status", "ok");
        await Assertions.Expect(result).ToContainTextAsync("Изделие зарегистрировано на вас.");
        await BrowserSite.ScreenshotAsync(page, "a11y-keyboard-registered");
    }

    [Fact]
    public async Task A_seller_opens_the_sale_form_from_the_menu_and_records_a_sale_with_the_keyboard_alone()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var seller = await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync("seller@club.demo");
        var partner = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetMyProfileQuery(seller!.Id))).PartnerName;
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, onSale: false);
        await TestTags.PutOnSaleAsync(site.Services, batchId, partner);
        var page = await site.NewPhonePageAsync();

        await page.GotoAsync("/account/sign-in");
        await TabToAsync(page, "#email");
        await page.Keyboard.TypeAsync("seller@club.demo");
        await TabToAsync(page, "#password");
        await page.Keyboard.TypeAsync(DemoAccounts.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/cabinet");

        // The menu is a <details> button on a phone: Enter opens it, then Tab reaches its links.
        await TabToAsync(page, "details.menu > summary");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "a[href='/seller/sales']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/seller/sales");

        await TabToAsync(page, "#serial");
        await page.Keyboard.TypeAsync(tags[0].Serial);
        await page.Keyboard.PressAsync("Enter");
        var result = await ExpectFocusedResultAsync(page, "status", "ok");
        await Assertions.Expect(result).ToContainTextAsync("Продажа записана.");
        await BrowserSite.ScreenshotAsync(page, "a11y-keyboard-sale-recorded");
    }

    /// <summary>
    /// Presses Tab until the focus is on <paramref name="selector"/>, asserting at each step that the focus moved
    /// and that the focused element (or the control that wraps a hidden file input) shows a focus ring of 2 px or more.
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var step = 0; step < 60; step++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>("""
                selector => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return ['', 'nothing has the focus'];
                  const ring = e.closest('.button.file') ?? e;
                  const s = getComputedStyle(ring);
                  const visible = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                  const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || e.name || '').trim().slice(0, 30) + '"';
                  return [e.matches(selector) ? 'here' : 'on', visible ? '' : name + ' has no visible focus ring'];
                }
                """, selector);
            focus[1].Should().BeEmpty();
            if (focus[0] == "here")
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"{selector} was not reached with 60 presses of Tab on {page.Url}");
    }

    /// <summary>The answer to a post: a region with the given role and look that holds the focus.</summary>
    private static async Task<ILocator> ExpectFocusedResultAsync(IPage page, string role, string kind)
    {
        var result = page.Locator($".alert.{kind}[role={role}]");
        await Assertions.Expect(result).ToBeFocusedAsync();
        return result;
    }
}
