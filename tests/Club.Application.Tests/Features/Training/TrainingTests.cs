using Club.Application.Abstractions;
using Club.Application.Features.Training;
using Club.Application.Tests.Features.Points;
using Club.Domain.Members;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Training;

public class TrainingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Reading_every_lesson_completes_the_course_and_pays_once_even_when_marked_in_parallel()
    {
        var course = await TrainingSupport.CourseAsync(db, lessons: 3);
        var seller = await TrainingSupport.SellerAsync(db);
        var lessons = (await TrainingSupport.CourseForEditingAsync(db, course))!.Lessons;

        var first = await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(seller, lessons[0].Id));
        // The two remaining lessons, each clicked ten times at once.
        var rest = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(seller, lessons[1 + (i % 2)].Id))));

        first.CourseCompleted.Should().BeFalse();
        rest.Count(r => r.CourseCompleted).Should().Be(1);
        (await TrainingSupport.EntriesAsync(db, seller, $"course:{course}:{seller}")).Should().Be(1);
        var mine = (await db.SendAsync<IReadOnlyList<MyCourseRow>>(new ListMyCoursesQuery(seller))).Single(c => c.Id == course);
        (mine.LessonsRead, mine.Completed).Should().Be((3, true));
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Twenty_parallel_submits_of_a_passing_attempt_grade_it_once_and_pay_once()
    {
        var course = await TrainingSupport.CourseAsync(db);
        var seller = await TrainingSupport.SellerAsync(db);
        var started = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
        var answers = await TrainingSupport.AnswersAsync(db, course, right: true);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(seller, started.AttemptId!.Value, answers))));

        results.Should().OnlyContain(r => r.Passed && r.Correct == 2 && r.Total == 2);
        results.Count(r => !r.AlreadySubmitted).Should().Be(1);
        (await TrainingSupport.EntriesAsync(db, seller, $"test:{course}:{seller}")).Should().Be(1);
        (await db.WithScopeAsync<ClubDbContext, int>(c => c.TestAnswers.CountAsync(a => a.AttemptId == started.AttemptId))).Should().Be(2);
        var test = await db.SendAsync<MyTest?>(new GetMyTestQuery(seller, course));
        (test!.Passed, test.CanStart).Should().Be((true, false));
        (await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course))).Result.Errors.Single().ErrorMessage
            .Should().Be("You have already passed this test.");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_failed_attempt_pays_nothing_and_the_next_waits_for_the_cooldown_and_the_limit()
    {
        var course = await TrainingSupport.CourseAsync(db, maxAttempts: 2, cooldown: 60);
        var seller = await TrainingSupport.SellerAsync(db);
        var wrong = await TrainingSupport.AnswersAsync(db, course, right: false);

        var first = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
        var again = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
        again.AttemptId.Should().Be(first.AttemptId, "a second click opens no second attempt");
        var failed = await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(seller, first.AttemptId!.Value, wrong));

        failed.Passed.Should().BeFalse();
        (await TrainingSupport.EntriesAsync(db, seller, $"test:{course}:{seller}")).Should().Be(0);
        var waiting = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
        waiting.Result.Errors.Single().ErrorMessage.Should().Contain("pause");
        (await db.SendAsync<MyTest?>(new GetMyTestQuery(seller, course)))!.NextAttemptAt.Should().NotBeNull();

        await EndCooldownAsync(seller);
        var second = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
        await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(seller, second.AttemptId!.Value, wrong));
        await EndCooldownAsync(seller);

        var third = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
        third.Result.Errors.Single().ErrorMessage.Should().Be("You have used all attempts at this test.");
        (await db.SendAsync<MyTest?>(new GetMyTestQuery(seller, course)))!.AttemptsLeft.Should().Be(0);
    }

    [Fact]
    public async Task Questions_and_options_are_shuffled_per_attempt_and_stay_put_on_reload()
    {
        var course = await TrainingSupport.CourseAsync(db, cooldown: 0);
        for (var i = 0; i < 8; i++)
        {
            await db.SendAsync<Result>(new AddQuestionCommand(course, $"Вопрос {i}", ["а", "б", "в", "г", "д"], [i % 5]));
        }

        var seller = await TrainingSupport.SellerAsync(db);
        var orders = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var started = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
            var shown = (await db.SendAsync<MyTest?>(new GetMyTestQuery(seller, course)))!.Open!;
            var reload = (await db.SendAsync<MyTest?>(new GetMyTestQuery(seller, course)))!.Open!;
            Order(reload).Should().Be(Order(shown));
            shown.Questions.Should().OnlyContain(q => q.Options.Select(o => o.Position).Order().SequenceEqual(Enumerable.Range(0, q.Options.Count)));
            orders.Add(Order(shown));
            await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(seller, started.AttemptId!.Value, new Dictionary<int, IReadOnlyCollection<int>>()));
        }

        orders.Distinct().Should().HaveCountGreaterThan(1, "10 questions in the same order three times running is a broken shuffle");
        static string Order(TestOpenAttempt open) => string.Join(",", open.Questions.Select(q => q.Id + ":" + string.Join("", q.Options.Select(o => o.Position))));
    }

    [Fact]
    public async Task Grading_is_exact_for_multiple_choice_and_ignores_options_that_do_not_exist()
    {
        var course = await TrainingSupport.CourseAsync(db, passPercent: 100);
        (await db.SendAsync<Result>(new AddQuestionCommand(course, "Оба верны", ["да", "нет", "тоже да"], [0, 2]))).Succeeded.Should().BeTrue();
        var seller = await TrainingSupport.SellerAsync(db);
        var answers = (await TrainingSupport.AnswersAsync(db, course, right: true)).ToDictionary();
        var multiple = answers.Keys.Max();
        answers[multiple] = [0, 99, -1];

        var started = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
        var result = await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(seller, started.AttemptId!.Value, answers));

        (result.Correct, result.Total, result.Passed).Should().Be((2, 3, false));
        var other = await TrainingSupport.SellerAsync(db);
        (await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(other, started.AttemptId!.Value, answers)))
            .Result.Succeeded.Should().BeFalse("an attempt belongs to its seller");
    }

    [Fact]
    public async Task Managers_get_clear_refusals_and_inactive_sellers_cannot_train()
    {
        var course = await TrainingSupport.CourseAsync(db);

        (await db.SendAsync<Result>(new AddLessonCommand(course, "Видео", "", "javascript:alert(1)"))).Errors.Single().ErrorMessage.Should().Contain("http");
        (await db.SendAsync<Result>(new AddLessonCommand(course, "", "", null))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new AddQuestionCommand(course, "Без верного", ["а", "б"], []))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new AddQuestionCommand(course, "Один вариант", ["а", "", null], [0]))).Succeeded.Should().BeFalse();
        (await db.SendAsync<SaveCourseResult>(new SaveCourseCommand(course, "tests", "Курс", "", -5, 0, 80, 3, 0, true))).Result.Succeeded.Should().BeFalse();
        (await TrainingSupport.CourseForEditingAsync(db, course))!.Lessons.Should().HaveCount(2);

        var pending = await TrainingSupport.SellerAsync(db, status: SellerStatus.Pending);
        var lesson = (await TrainingSupport.CourseForEditingAsync(db, course))!.Lessons[0];
        (await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(pending, lesson.Id))).Result.Succeeded.Should().BeFalse();
        (await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(pending, course))).Result.Succeeded.Should().BeFalse();
    }

    private Task<int> EndCooldownAsync(Guid seller) =>
        db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlAsync(
            $"UPDATE test_attempts SET submitted_at = submitted_at - interval '2 hours', started_at = started_at - interval '2 hours' WHERE member_id = {seller}"));
}
