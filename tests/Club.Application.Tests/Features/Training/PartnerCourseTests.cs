using Club.Application.Abstractions;
using Club.Application.Features.Sellers;
using Club.Application.Features.Training;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Training;

/// <summary>
/// Courses a partner's training department publishes: seen and taken only by that partner's sellers, edited
/// only by its managers (every editing message is tried on a brand course and on another partner's), no points.
/// </summary>
public class PartnerCourseTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_partner_course_is_listed_read_and_completed_by_that_partners_sellers_only()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, other) = await ShopsAsync(manager);
        var course = await PartnerCourseAsync(manager);
        var brandCourse = await TrainingSupport.CourseAsync(db, lessons: 1);
        var ownSeller = await TrainingSupport.SellerAsync(db, own.ShopId);
        var otherSeller = await TrainingSupport.SellerAsync(db, other.ShopId);
        var lesson = (await TrainingSupport.CourseForEditingAsync(db, course))!.Lessons.Single().Id;

        (await MyCoursesAsync(ownSeller)).Should().Contain([course, brandCourse]);
        (await MyCoursesAsync(otherSeller)).Should().Contain(brandCourse).And.NotContain(course);
        (await db.SendAsync<MyCourse?>(new GetMyCourseQuery(otherSeller, course))).Should().BeNull();
        (await db.SendAsync<MyTest?>(new GetMyTestQuery(otherSeller, course))).Should().BeNull();
        (await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(otherSeller, course))).Result.Succeeded.Should().BeFalse();
        (await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(otherSeller, lesson))).Result.Succeeded.Should().BeFalse();

        (await db.SendAsync<MyCourse?>(new GetMyCourseQuery(ownSeller, course)))!.Open.Should().BeTrue();
        var read = await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(ownSeller, lesson));
        read.CourseCompleted.Should().BeTrue();
        (await TrainingSupport.EntriesAsync(db, ownSeller, $"course:{course}:{ownSeller}")).Should().Be(0, "a partner's course pays no points");

        var managersList = await db.SendAsync<IReadOnlyList<CourseRow>>(new ListCoursesQuery { PartnerManagerId = manager });
        managersList.Select(c => c.Id).Should().Contain(course).And.NotContain(brandCourse);
        var brandList = await db.SendAsync<IReadOnlyList<CourseRow>>(new ListCoursesQuery());
        brandList.Single(c => c.Id == course).PartnerName.Should().Be(own.PartnerName);
    }

    [Fact]
    public async Task A_partner_manager_cannot_read_or_change_a_brand_course_or_another_partners()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (_, other) = await ShopsAsync(manager);
        var brandCourse = await TrainingSupport.CourseAsync(db, lessons: 1);
        var otherCourse = await TrainingSupport.CourseAsync(db, lessons: 1, completionPoints: 0, testPoints: 0);
        await db.WithScopeAsync<ClubDbContext, int>(c => c.Courses.Where(x => x.Id == otherCourse).ExecuteUpdateAsync(s => s.SetProperty(x => x.PartnerId, other.PartnerId)));

        foreach (var course in new[] { brandCourse, otherCourse })
        {
            var before = (await TrainingSupport.CourseForEditingAsync(db, course))!;
            var lesson = before.Lessons.Single().Id;
            var question = before.Questions[0].Id;
            IMessage[] messages =
            [
                new GetCourseForEditingQuery(course) { PartnerManagerId = manager },
                new SaveCourseCommand(course, "forger", "Чужой курс", "", 0, 0, 50, 3, 0, false) { PartnerManagerId = manager },
                new AddLessonCommand(course, "Чужой урок", "Текст", null) { PartnerManagerId = manager },
                new EditLessonCommand(course, lesson, "Чужой урок", "Текст", null) { PartnerManagerId = manager },
                new DeleteLessonCommand(course, lesson) { PartnerManagerId = manager },
                new AddLessonFileCommand(course, lesson, "Файл", "a.pdf", TrainingSupport.Pdf()) { PartnerManagerId = manager },
                new AddQuestionCommand(course, "Чужой вопрос", ["да", "нет"], [0]) { PartnerManagerId = manager },
                new EditQuestionCommand(course, question, "Чужой вопрос", ["да", "нет"], [0]) { PartnerManagerId = manager },
                new RemoveQuestionCommand(course, question) { PartnerManagerId = manager },
                new RestoreQuestionCommand(course, question) { PartnerManagerId = manager },
                new MoveInCourseCommand(course, CourseItemKind.Lesson, lesson, true) { PartnerManagerId = manager },
            ];
            foreach (var message in messages)
            {
                var act = () => db.SendAsync<object?>(message);
                (await act.Should().ThrowAsync<NotFoundException>(message.GetType().Name)).WithMessage(CourseScope.NotYours);
            }

            var after = (await TrainingSupport.CourseForEditingAsync(db, course))!;
            after.Course.Title.Should().Be(before.Course.Title);
            after.Lessons.Select(l => (l.Id, l.Title)).Should().Equal(before.Lessons.Select(l => (l.Id, l.Title)));
            after.Questions.Select(q => (q.Id, q.Text, q.RemovedAt)).Should().Equal(before.Questions.Select(q => (q.Id, q.Text, q.RemovedAt)));
        }

        var unknown = () => db.SendAsync<CourseForEditing?>(new GetCourseForEditingQuery(int.MaxValue) { PartnerManagerId = manager });
        (await unknown.Should().ThrowAsync<NotFoundException>()).WithMessage(CourseScope.NotYours, "a made-up id is told the same as another partner's");
    }

    [Fact]
    public async Task A_partner_course_pays_no_points_whoever_edits_it()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var course = await PartnerCourseAsync(manager);

        var byManager = await db.SendAsync<SaveCourseResult>(new SaveCourseCommand(course, "partner", "Курс", "", 100, 0, 80, 3, 60, true) { PartnerManagerId = manager });
        var byBrand = await db.SendAsync<SaveCourseResult>(new SaveCourseCommand(course, "brand", "Курс", "", 0, 50, 80, 3, 60, true));

        byManager.Result.Errors.Single().ErrorMessage.Should().Be(CourseScope.PartnerCoursePaysNoPoints);
        byBrand.Result.Errors.Single().ErrorMessage.Should().Be(CourseScope.PartnerCoursePaysNoPoints);
        var saved = (await TrainingSupport.CourseForEditingAsync(db, course))!.Course;
        (saved.CompletionPoints, saved.TestPoints).Should().Be((0, 0));
    }

    /// <summary>A published course of the manager's partner with one lesson and one question, built by the manager.</summary>
    private async Task<int> PartnerCourseAsync(Guid manager)
    {
        var saved = await db.SendAsync<SaveCourseResult>(new SaveCourseCommand(
            null, "partner", "Курс партнёра " + Guid.NewGuid().ToString("N")[..6], "", 0, 0, 100, 3, 0, Published: true) { PartnerManagerId = manager });
        saved.Result.Succeeded.Should().BeTrue();
        var id = saved.CourseId!.Value;
        (await db.SendAsync<Result>(new AddLessonCommand(id, "Урок партнёра", "Текст", null) { PartnerManagerId = manager })).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new AddQuestionCommand(id, "Вопрос", ["верно", "неверно"], [0]) { PartnerManagerId = manager })).Succeeded.Should().BeTrue();
        return id;
    }

    private async Task<List<int>> MyCoursesAsync(Guid seller) =>
        (await db.SendAsync<IReadOnlyList<MyCourseRow>>(new ListMyCoursesQuery(seller))).Select(c => c.Id).ToList();

    private async Task<(ShopChoice Own, ShopChoice Other)> ShopsAsync(Guid manager)
    {
        var partnerId = await db.WithScopeAsync<ClubDbContext, int?>(c => c.Members.Where(m => m.Id == manager).Select(m => m.PartnerId).SingleAsync());
        var shops = await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        return (shops.First(s => s.PartnerId == partnerId), shops.First(s => s.PartnerId != partnerId));
    }
}
