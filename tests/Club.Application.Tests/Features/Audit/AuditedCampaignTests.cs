using Club.Application.Features.Catalog;
using Club.Application.Features.Charity;
using Club.Application.Features.Contests;
using Club.Application.Features.News;
using Club.Application.Features.Surveys;
using Club.Application.Features.Training;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Catalog;
using Club.Domain.Activities;
using Club.Domain.Catalog;
using Club.Domain.News;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Audit.AuditAssert;
using static Club.Application.Tests.Features.Audit.AuditTestKit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>Gifts and their orders, charity, news and contests: each staff action's audit row with the values before and after.</summary>
[Collection(AuditedActions.Name)]
public class AuditedCampaignTests(AuditActorFixture db)
{
    [Fact]
    public async Task A_gift_is_logged_when_created_and_edited_and_its_order_with_the_old_and_new_status()
    {
        var gift = await db.CreateGiftAsync(points: 300, stock: 2);
        var oldTitle = await db.QueryAsync(c => c.Gifts.Where(g => g.Id == gift).Select(g => g.Title).SingleAsync());
        var title = $"Подарок {Unique()}";
        var edited = await db.SendAsync<SaveGiftResult>(new SaveGiftCommand(gift, title, "", "Тест", 350, 5, 2, GiftAudience.Everyone, null, null, null, GiftState.Published));
        edited.Error.Should().BeNull();
        await db.OkAsync(new SaveGiftPhotoCommand(gift, TestImages.Png()));
        var member = await db.BuyerWithPointsAsync(1000);
        var order = (await db.OrderAsync(member, gift)).OrderId!.Value;
        await MoveAsync(order, GiftOrderStatus.Confirmed);
        await MoveAsync(order, GiftOrderStatus.Shipped, "RA123456789RU");

        var create = await RowAsync(db, "gift.create", "gift", Id(gift));
        Created(create, "points", 300);
        Created(create, "stock", 2);
        Created(create, "state", GiftState.Published);
        var edit = await RowAsync(db, "gift.edit", "gift", Id(gift));
        Changed(edit, "title", oldTitle, title);
        Changed(edit, "points", 300, 350);
        Changed(edit, "stock", 2, 5);
        var photo = await RowAsync(db, "gift.photo", "gift", Id(gift));
        Changed(photo, "photoVersion", 0, 1);
        After(photo, "contentType", "image/png");
        var shipped = await RowAsync(db, "gift-order.status", "gift-order", Id(order));
        Changed(shipped, "status", GiftOrderStatus.Confirmed, GiftOrderStatus.Shipped);
        After(shipped, "tracking", "RA123456789RU");
        shipped.MemberId.Should().Be(member);
    }

    [Fact]
    public async Task A_charity_campaign_and_a_news_item_are_logged_with_their_fields_when_created()
    {
        var (name, title) = ($"Фонд {Unique()}", $"Новость {Unique()}");
        var (starts, ends) = (new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await db.OkAsync(new CreateCharityCampaignCommand("tests", name, name + " (en)", null, null, 5000, starts, ends));
        await db.OkAsync(new PublishNewsCommand("tests", title, title + " (en)", "Текст", "Text", NewsAudience.Sellers, null, null));
        var (campaign, news) = await db.QueryAsync(async c => (
            await c.CharityCampaigns.Where(x => x.NameRu == name).Select(x => x.Id).SingleAsync(),
            await c.NewsItems.Where(x => x.TitleRu == title).Select(x => x.Id).SingleAsync()));

        var charity = await RowAsync(db, "charity.create", "charity-campaign", Id(campaign));
        Created(charity, "nameRu", name);
        Created(charity, "goal", 5000);
        Created(charity, "endsAt", ends);
        var published = await RowAsync(db, "news.publish", "news", Id(news));
        Created(published, "titleRu", title);
        Created(published, "audience", NewsAudience.Sellers);
        Created(published, "picture", false);
    }

    [Fact]
    public async Task A_contest_is_logged_when_created_drawn_and_when_staff_pick_a_winner()
    {
        var drawn = await ContestAsync(ContestSelection.Draw);
        var picked = await ContestAsync(ContestSelection.Staff);
        var (first, second) = ((await TestTags.CreateBuyerAsync(db.Services)).Id, (await TestTags.CreateBuyerAsync(db.Services)).Id);
        foreach (var (member, contest) in new[] { (first, drawn), (second, drawn), (first, picked) })
        {
            await db.OkAsync(new EnterContestCommand(member, contest));
        }

        await db.SqlAsync($"UPDATE contests SET ends_at = now() - interval '1 second' WHERE id = {drawn}");
        await db.OkAsync(new DrawContestWinnersCommand(drawn));
        await db.OkAsync(new PickContestWinnerCommand(picked, first));

        var create = await RowAsync(db, "contest.create", "contest", Id(drawn));
        Created(create, "selection", ContestSelection.Draw);
        Created(create, "winnerPoints", 70);
        AfterValue(create, "seedHash").Should().MatchRegex("^\"[0-9a-f]{64}\"$");
        var draw = await RowAsync(db, "contest.draw", "contest", Id(drawn));
        Before(draw, "drawnAt", null);
        AfterValue(draw, "drawnAt").Should().NotBe("null");
        After(draw, "pool", 2);
        AfterValue(draw, "seedHash").Should().Be(AfterValue(create, "seedHash"), "the draw's seed is the one whose hash was published");
        var winner = await RowAsync(db, "contest.winner", "contest", Id(picked));
        Before(winner, "wonAt", null);
        AfterValue(winner, "wonAt").Should().NotBe("null");
        After(winner, "points", 70);
        winner.MemberId.Should().Be(first);
    }

    [Fact]
    public async Task A_course_and_a_survey_are_logged_with_their_fields_when_created_and_with_old_and_new_when_edited()
    {
        var course = await db.SendAsync<SaveCourseResult>(new SaveCourseCommand(null, "tests", "Курс «Аудит»", "Кратко", 100, 50, 80, 3, 60, false));
        course.Result.Errors.Should().BeEmpty();
        (await db.SendAsync<SaveCourseResult>(new SaveCourseCommand(course.CourseId, "tests", "Курс «Аудит-2»", "Кратко", 120, 50, 80, 3, 60, true)))
            .Result.Errors.Should().BeEmpty();
        var (opens, closes) = (new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var survey = await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(null, "tests", "Опрос «Аудит»", null, SurveyTarget.Buyers, null, null, opens, closes, 30));
        survey.Error.Should().BeNull();
        (await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(survey.SurveyId, "tests", "Опрос «Аудит»", "Зачем", SurveyTarget.Buyers, null, null, opens, closes, 40)))
            .Error.Should().BeNull();

        var courseId = Id(course.CourseId!.Value);
        Created(await RowAsync(db, "course.create", "course", courseId), "completionPoints", 100);
        var courseUpdate = await RowAsync(db, "course.update", "course", courseId);
        Changed(courseUpdate, "title", "Курс «Аудит»", "Курс «Аудит-2»");
        Changed(courseUpdate, "completionPoints", 100, 120);
        Changed(courseUpdate, "published", false, true);
        var surveyId = Id(survey.SurveyId!.Value);
        Created(await RowAsync(db, "survey.create", "survey", surveyId), "closesAt", closes);
        var surveyUpdate = await RowAsync(db, "survey.update", "survey", surveyId);
        Changed(surveyUpdate, "description", null, "Зачем");
        Changed(surveyUpdate, "points", 30, 40);
    }

    private async Task MoveAsync(long order, GiftOrderStatus to, string? tracking = null) =>
        (await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand(
            [order], to, "Елена Орлова", tracking is null ? null : new Dictionary<long, string> { [order] = tracking }))).Changed.Should().Be(1);

    private async Task<int> ContestAsync(ContestSelection selection)
    {
        var (title, now) = ($"Конкурс {Unique()}", DateTimeOffset.UtcNow);
        await db.OkAsync(new CreateContestCommand("tests", title, null, now.AddDays(-1), now.AddDays(1), 0, 70, ContestEntryKind.Join, selection));
        return await db.QueryAsync(c => c.Contests.Where(x => x.Title == title).Select(x => x.Id).SingleAsync());
    }
}
