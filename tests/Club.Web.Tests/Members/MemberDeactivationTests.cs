using System.Net;
using Club.Application.Features.Members;
using Club.Testing;
using Club.Web.Tests.Account;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Members;

public class MemberDeactivationTests(StampClockSite site) : IClassFixture<StampClockSite>
{
    [Fact]
    public async Task A_deactivated_member_is_told_so_at_sign_in_and_their_open_session_ends_within_a_minute()
    {
        var (member, email) = await TestTags.CreateBuyerAsync(site.Services, "member-pass-1");
        var cookies = new CookieContainer();
        var browser = site.CreateDefaultClient(new CookieContainerHandler(cookies));
        await browser.SignInAsync(email, "member-pass-1");
        (await browser.GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.OK);
        var staff = (await TestTags.CreateBuyerAsync(site.Services)).Id;

        (await SendAsync(new SetMemberActiveCommand(member, false, "Перепродаёт баллы", staff))).Succeeded.Should().BeTrue();
        site.StampClock.Now = DateTimeOffset.UtcNow.AddSeconds(61);

        var open = await browser.GetAsync("/cabinet");
        open.StatusCode.Should().Be(HttpStatusCode.Redirect);
        open.Headers.Location!.ToString().Should().Contain("/account/sign-in");
        var again = await site.CreateBrowserlessClient().SignInAsync(email, "member-pass-1");
        (await again.Content.ReadAsStringAsync()).Should().Contain("Этот аккаунт отключён.");
        var wrong = await site.CreateBrowserlessClient().SignInAsync(email, "not-the-password-1");
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("Неверная почта или пароль.", "only the password's owner learns the account is deactivated");

        (await SendAsync(new SetMemberActiveCommand(member, true, "Разобрались", staff))).Succeeded.Should().BeTrue();
        var back = site.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        await back.SignInAsync(email, "member-pass-1");
        (await back.GetAsync("/cabinet")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<SetMemberActiveResult> SendAsync(SetMemberActiveCommand command)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}
