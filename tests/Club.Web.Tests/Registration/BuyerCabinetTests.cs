using System.Globalization;
using System.Net;
using Club.Application.Features.Points;
using Club.Application.Features.Registration;
using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Registration;

public class BuyerCabinetTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_buyer_sees_the_items_a_printable_certificate_and_points_with_plain_reasons()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        foreach (var tag in tags)
        {
            await RegisterAsync(buyer.Id, tag);
        }

        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");

        var items = await client.GetStringAsync("/cabinet/items");
        var certificate = await client.GetStringAsync($"/cabinet/items/{tags[0].Serial}");
        var points = await client.GetStringAsync("/cabinet/points");

        items.Should().Contain(tags[0].Serial).And.Contain(tags[1].Serial).And.Contain("Сертификат подлинности");
        certificate.Should().Contain("Сертификат подлинности").And.Contain(tags[0].Serial).And.Contain("AQ-SEA-R01")
            .And.Contain(TodayInTheClubsZone("dd.MM.yyyy")).And.Contain("data-print");
        points.Should().Contain("Регистрация изделия: Кольцо").And.Contain("Бонус за первое изделие").And.Contain("300");
        var english = await client.GetStringAsync("/cabinet/points?culture=en");
        english.Should().Contain("Item registered").And.Contain("First-item bonus");
        // Day first in English too: "12/4/2026" would be another day to most readers.
        (await client.GetStringAsync($"/cabinet/items/{tags[0].Serial}?culture=en")).Should().Contain(TodayInTheClubsZone("d MMM yyyy"));
    }

    [Fact]
    public async Task Nobody_else_sees_a_buyers_certificate()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var owner = await TestTags.CreateBuyerAsync(site.Services);
        var other = await TestTags.CreateBuyerAsync(site.Services);
        await RegisterAsync(owner.Id, tag);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(other.Email, "buyer-pass-1");

        (await client.GetAsync($"/cabinet/items/{tag.Serial}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/cabinet/items/NOT-A-SERIAL")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetStringAsync("/cabinet/items")).Should().NotContain(tag.Serial);
    }

    [Theory]
    [InlineData("/cabinet/items")]
    public async Task Buyer_pages_are_for_buyers(string path)
    {
        var anonymous = await site.CreateBrowserlessClient().GetAsync(path);
        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");

        anonymous.Headers.Location!.ToString().Should().Contain("/account/sign-in");
        (await seller.GetAsync(path)).Headers.Location!.ToString().Should().Contain("/account/access-denied");
    }

    private async Task RegisterAsync(Guid buyer, PrintedTag tag)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterItemCommand(buyer, tag.Serial, tag.ScratchCode));
        result.Outcome.Should().Be(RegistrationOutcome.Registered);
    }

    /// <summary>The registration date as the certificate shows it: today in the club's time zone, not the server's.</summary>
    private string TodayInTheClubsZone(string format) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, site.Services.GetRequiredService<PointsSettings>().Zone).ToString(format, CultureInfo.InvariantCulture);
}
