using Club.Application.Features.Registration;
using Club.Application.Features.Tiers;
using Club.Domain.Tiers;
using Club.Infrastructure.Identity;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Tiers;

public class TierInCabinetTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_member_sees_their_tier_and_the_way_to_the_next_one_on_a_phone_and_the_rules_list_the_tiers()
    {
        var buyerId = await IdOfAsync("buyer@club.demo");
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            (await mediator.Send(new SaveTiersCommand("tests", TierMeasure.ItemsRegistered,
                [new("Аквамарин", "Aquamarine", 1, 1m), new("Сапфир", "Sapphire", 1000, 1.1m)]))).Succeeded.Should().BeTrue();
            (await mediator.Send(new RegisterItemCommand(buyerId, tag.Serial, tag.ScratchCode))).Outcome.Should().Be(RegistrationOutcome.Registered);
            await mediator.Send(new EvaluateTiersCommand());
        }

        var buyer = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(buyer, "buyer@club.demo");
        var card = buyer.Locator("#tier");
        await Assertions.Expect(card.Locator(".tier-name")).ToHaveTextAsync("Аквамарин");
        await Assertions.Expect(card.Locator("progress")).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync("до уровня «Сапфир»");
        (await buyer.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await card.ScrollIntoViewIfNeededAsync();
        await BrowserSite.ScreenshotAsync(buyer, "62-tier-in-cabinet");

        await card.GetByRole(AriaRole.Link, new() { Name = "Все уровни" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#tiers table")).ToContainTextAsync("Сапфир");
        (await buyer.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync(email))!.Id;
    }
}
