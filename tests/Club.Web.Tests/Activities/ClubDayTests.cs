using Club.Application.Features.Points;
using Club.Application.Features.Promotions;
using Club.Testing;
using Club.Web.Components;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Activities;

/// <summary>A day typed in a date input is the club's day (Club:Jobs:TimeZone), not a UTC day.</summary>
public class ClubDayTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_promotion_from_D_to_D_covers_D_from_midnight_to_midnight_Moscow_time_and_shows_D_back()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var saved = await HtmlForms.SubmitAsync(client, "/manage/promotions", new Dictionary<string, string>
        {
            ["_handler"] = "new-promotion", ["Input.Title"] = "Один день в Москве", ["Input.Starts"] = "2031-12-04", ["Input.Ends"] = "2031-12-04",
            ["Input.Extra"] = "10", ["Input.Multiplier"] = "1",
        });

        await using var scope = site.Services.CreateAsyncScope();
        var promotion = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListPromotionsQuery()))
            .Single(p => p.Title == "Один день в Москве");
        var moscow = TimeSpan.FromHours(3);
        promotion.StartsAt.Should().Be(new DateTimeOffset(2031, 12, 4, 0, 0, 0, moscow));
        promotion.EndsAt.Should().Be(new DateTimeOffset(2031, 12, 5, 0, 0, 0, moscow));
        (await saved.Content.ReadAsStringAsync()).Should().Contain("Один день в Москве").And.Contain("04.12.2031 – 04.12.2031");
    }

    [Theory]
    [InlineData("Europe/Moscow", 3)]
    [InlineData("America/New_York", -5)]
    public void A_typed_day_runs_from_midnight_to_midnight_in_the_clubs_zone_and_reads_back_as_the_same_day(string zone, int offsetHours)
    {
        var clock = new ClubTime(new PointsSettings { TimeZone = zone }, TimeProvider.System);
        var offset = TimeSpan.FromHours(offsetHours);

        clock.TryDay("2031-12-04", endOfDay: false, out var starts).Should().BeTrue();
        clock.TryDay("2031-12-04", endOfDay: true, out var ends).Should().BeTrue();

        starts.Should().Be(new DateTimeOffset(2031, 12, 4, 0, 0, 0, offset));
        ends.Should().Be(new DateTimeOffset(2031, 12, 5, 0, 0, 0, offset));
        clock.DayValue(starts).Should().Be("2031-12-04");
        clock.DayValue(ends, endOfDay: true).Should().Be("2031-12-04");
        // The last moment of the day is still the 4th; the next day's first is the 5th.
        clock.DayValue(ends.AddMilliseconds(-1)).Should().Be("2031-12-04");
        clock.DayValue(ends).Should().Be("2031-12-05");
    }

    [Theory]
    [InlineData("")]
    [InlineData("04.12.2031")]
    [InlineData("2031-02-30")]
    [InlineData("2031-12-04T00:00")]
    public void A_date_that_is_not_a_day_is_refused(string text)
    {
        var clock = new ClubTime(new PointsSettings(), TimeProvider.System);

        clock.TryDay(text, endOfDay: false, out _).Should().BeFalse();
    }
}
