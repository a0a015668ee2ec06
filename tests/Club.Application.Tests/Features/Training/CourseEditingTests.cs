using Club.Application.Abstractions;
using Club.Application.Features.Training;
using Club.Domain.Training;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Training;

public class CourseEditingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Moving_swaps_with_the_neighbour_and_stops_at_either_end()
    {
        var course = await TrainingSupport.CourseAsync(db, lessons: 3);
        var ids = await LessonIdsAsync(course);

        await MoveAsync(course, CourseItemKind.Lesson, ids[2], up: true);
        (await LessonIdsAsync(course)).Should().Equal(ids[0], ids[2], ids[1]);
        await MoveAsync(course, CourseItemKind.Lesson, ids[0], up: true);
        await MoveAsync(course, CourseItemKind.Lesson, ids[1], up: false);
        (await LessonIdsAsync(course)).Should().Equal(ids[0], ids[2], ids[1]);
        await MoveAsync(course, CourseItemKind.Lesson, ids[0], up: false);
        (await LessonIdsAsync(course)).Should().Equal(ids[2], ids[0], ids[1]);

        var questions = (await TrainingSupport.CourseForEditingAsync(db, course))!.Questions.Select(q => q.Id).ToList();
        await MoveAsync(course, CourseItemKind.Question, questions[1], up: true);
        (await TrainingSupport.CourseForEditingAsync(db, course))!.Questions.Select(q => q.Id).Should().Equal(questions[1], questions[0]);
    }

    [Fact]
    public async Task Two_managers_moving_and_adding_at_once_leave_every_position_unique()
    {
        var course = await TrainingSupport.CourseAsync(db, lessons: 6);
        var ids = await LessonIdsAsync(course);
        var questions = (await TrainingSupport.CourseForEditingAsync(db, course))!.Questions.Select(q => q.Id).ToList();

        var work = Enumerable.Range(0, 40).Select(i => (i % 8) switch
        {
            0 => db.SendAsync<Result>(new AddLessonCommand(course, $"Новый урок {i}", "", null)),
            1 => db.SendAsync<Result>(new AddQuestionCommand(course, $"Новый вопрос {i}", ["да", "нет"], [0])),
            2 => db.SendAsync<Result>(new MoveInCourseCommand(course, CourseItemKind.Question, questions[i % 2], i % 3 == 0)),
            _ => db.SendAsync<Result>(new MoveInCourseCommand(course, CourseItemKind.Lesson, ids[i % ids.Count], i % 3 == 0)),
        });
        var results = await Task.WhenAll(work);

        results.Should().OnlyContain(r => r.Succeeded);
        var positions = await db.WithScopeAsync<ClubDbContext, List<int>>(c => c.Lessons.Where(l => l.CourseId == course).Select(l => l.Position).ToListAsync());
        positions.Should().HaveCount(6 + 5).And.OnlyHaveUniqueItems();
        var questionPositions = await db.WithScopeAsync<ClubDbContext, List<int>>(c => c.Questions.Where(q => q.CourseId == course).Select(q => q.Position).ToListAsync());
        questionPositions.Should().HaveCount(2 + 5).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Editing_a_lesson_keeps_the_read_marks_and_refuses_what_adding_refuses()
    {
        var course = await TrainingSupport.CourseAsync(db, lessons: 2);
        var lesson = (await LessonIdsAsync(course))[0];
        var seller = await TrainingSupport.SellerAsync(db);
        await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(seller, lesson));

        var edited = await db.SendAsync<Result>(new EditLessonCommand(course, lesson, "  Новое название ", "Новый текст", "https://example.com/v"));
        var badLink = await db.SendAsync<Result>(new EditLessonCommand(course, lesson, "Название", "", "javascript:alert(1)"));
        var noTitle = await db.SendAsync<Result>(new EditLessonCommand(course, lesson, " ", "", null));
        var wrongCourse = await db.SendAsync<Result>(new EditLessonCommand(course + 1000, lesson, "Название", "", null));

        edited.Succeeded.Should().BeTrue();
        badLink.Errors.Single().ErrorMessage.Should().Be("The video link must start with http:// or https://.");
        noTitle.Succeeded.Should().BeFalse();
        wrongCourse.Errors.Single().ErrorMessage.Should().Be("This lesson does not exist.");
        var mine = await db.SendAsync<MyCourse?>(new GetMyCourseQuery(seller, course));
        mine!.Lessons[0].Should().Match<MyLesson>(l => l.Title == "Новое название" && l.Text == "Новый текст" && l.VideoUrl == "https://example.com/v" && l.Read);
    }

    [Fact]
    public async Task An_answered_question_keeps_its_options_and_right_ones_and_only_its_wording_changes()
    {
        var course = await TrainingSupport.CourseAsync(db);
        var (answered, fresh) = await QuestionIdsAsync(course);
        var seller = await TrainingSupport.SellerAsync(db);
        await PassAsync(seller, course);

        var reworded = await EditAsync(course, answered, "Первый вопрос, точнее", ["верно!", "неверно", "тоже неверно"], [0]);
        var otherRight = await EditAsync(course, answered, "Первый вопрос", ["верно", "неверно", "тоже неверно"], [1]);
        var fewer = await EditAsync(course, answered, "Первый вопрос", ["верно", "неверно", ""], [0]);

        reworded.Succeeded.Should().BeTrue();
        otherRight.Errors.Single().ErrorMessage.Should().StartWith("Sellers have answered this question already");
        fewer.Succeeded.Should().BeFalse();
        var bank = (await TrainingSupport.CourseForEditingAsync(db, course))!.Questions;
        bank.Single(q => q.Id == answered).Should().Match<Question>(q => q.Text == "Первый вопрос, точнее" && q.Options[0] == "верно!" && q.Correct.SequenceEqual(new[] { 0 }));

        // Nobody has answered a question added now: anything about it may change.
        await db.SendAsync<Result>(new AddQuestionCommand(course, "Третий", ["а", "б"], [0]));
        var third = (await TrainingSupport.CourseForEditingAsync(db, course))!.Questions[^1].Id;
        (await EditAsync(course, third, "Третий", ["а", "б", "в", "г"], [1, 3])).Succeeded.Should().BeTrue();
        var multiple = (await TrainingSupport.CourseForEditingAsync(db, course))!.Questions.Single(q => q.Id == third);
        (multiple.Multiple, multiple.Options.Length).Should().Be((true, 4));
        (await EditAsync(course, fresh, "Без верного", ["а", "б"], [])).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task A_removed_question_leaves_the_test_and_past_results_and_points_stay_as_they_were()
    {
        var course = await TrainingSupport.CourseAsync(db, testPoints: 200, cooldown: 0);
        var (first, second) = await QuestionIdsAsync(course);
        var passed = await TrainingSupport.SellerAsync(db);
        await PassAsync(passed, course);

        (await db.SendAsync<Result>(new RemoveQuestionCommand(course, first))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new RemoveQuestionCommand(course, first))).Succeeded.Should().BeTrue("a second click changes nothing");

        var attempt = await db.WithScopeAsync<ClubDbContext, Club.Domain.Training.TestAttempt>(c => c.TestAttempts.SingleAsync(a => a.MemberId == passed));
        (attempt.Correct, attempt.Total, attempt.Passed).Should().Be((2, 2, true));
        (await db.WithScopeAsync<ClubDbContext, int>(c => c.TestAnswers.CountAsync(a => a.AttemptId == attempt.Id))).Should().Be(2);
        (await db.SendAsync<IReadOnlyList<CourseRow>>(new ListCoursesQuery())).Single(c => c.Id == course).Questions.Should().Be(1);
        var editing = (await TrainingSupport.CourseForEditingAsync(db, course))!;
        editing.Questions.Select(q => q.Id).Should().Equal(second, first);
        editing.AnswersOf(first).Should().Be(1);
        (await EditAsync(course, first, "Снова", ["а", "б"], [0])).Errors.Single().ErrorMessage.Should().Be("This question does not exist.");
        (await db.SendAsync<Result>(new MoveInCourseCommand(course, CourseItemKind.Question, first, true))).Succeeded.Should().BeFalse();

        var next = await TrainingSupport.SellerAsync(db);
        var started = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(next, course));
        var shown = (await db.SendAsync<MyTest?>(new GetMyTestQuery(next, course)))!.Open!;
        shown.Questions.Select(q => q.Id).Should().Equal(second);
        var result = await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(
            next, started.AttemptId!.Value, new Dictionary<int, IReadOnlyCollection<int>> { [second] = [0], [first] = [0] }));
        (result.Correct, result.Total, result.Passed).Should().Be((1, 1, true));
        (await TrainingSupport.EntriesAsync(db, passed, $"test:{course}:{passed}")).Should().Be(1);
        (await TrainingSupport.EntriesAsync(db, next, $"test:{course}:{next}")).Should().Be(1);
    }

    [Fact]
    public async Task A_removed_question_put_back_returns_at_the_end_and_an_attempt_open_meanwhile_does_not_see_it()
    {
        var course = await TrainingSupport.CourseAsync(db, cooldown: 0);
        var (first, second) = await QuestionIdsAsync(course);
        (await db.SendAsync<Result>(new RemoveQuestionCommand(course, first))).Succeeded.Should().BeTrue();
        var seller = await TrainingSupport.SellerAsync(db);
        var started = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));

        var restored = await db.SendAsync<Result>(new RestoreQuestionCommand(course, first));
        var again = await db.SendAsync<Result>(new RestoreQuestionCommand(course, first));
        var elsewhere = await db.SendAsync<Result>(new RestoreQuestionCommand(await TrainingSupport.CourseAsync(db), first));

        (restored.Succeeded, again.Succeeded, elsewhere.Succeeded).Should().Be((true, true, false));
        var bank = (await TrainingSupport.CourseForEditingAsync(db, course))!.Questions;
        bank.Where(q => q.RemovedAt is null).Select(q => q.Id).Should().Equal([second, first], "it comes back at the end, once");
        (await db.SendAsync<MyTest?>(new GetMyTestQuery(seller, course)))!.Open!.Questions.Select(q => q.Id).Should().Equal(second);
        var result = await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(
            seller, started.AttemptId!.Value, new Dictionary<int, IReadOnlyCollection<int>> { [first] = [0], [second] = [0] }));
        (result.Correct, result.Total).Should().Be((1, 1), "the open attempt is graded on what it was shown");
        var next = await TrainingSupport.SellerAsync(db);
        await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(next, course));
        (await db.SendAsync<MyTest?>(new GetMyTestQuery(next, course)))!.Open!.Questions.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_open_attempt_is_shown_and_graded_on_the_questions_as_they_were_when_it_started()
    {
        var course = await TrainingSupport.CourseAsync(db, cooldown: 0);
        var (first, second) = await QuestionIdsAsync(course);
        var seller = await TrainingSupport.SellerAsync(db);
        var started = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));

        // While the seller answers, the manager makes another option of the first question the right one
        // and adds a third question.
        (await EditAsync(course, first, "Первый вопрос", ["верно", "неверно", "тоже неверно"], [1])).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new AddQuestionCommand(course, "Третий", ["а", "б"], [0]))).Succeeded.Should().BeTrue();

        var shown = (await db.SendAsync<MyTest?>(new GetMyTestQuery(seller, course)))!.Open!;
        shown.Questions.Select(q => q.Id).Should().Equal(second);
        var result = await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(
            seller, started.AttemptId!.Value, new Dictionary<int, IReadOnlyCollection<int>> { [first] = [0], [second] = [0] }));
        (result.Correct, result.Total, result.Passed).Should().Be((1, 1, true), "options the seller was not shown grade nothing");

        var next = await TrainingSupport.SellerAsync(db);
        await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(next, course));
        (await db.SendAsync<MyTest?>(new GetMyTestQuery(next, course)))!.Open!.Questions.Should().HaveCount(3, "a new attempt sees the bank as it is now");
    }

    [Fact]
    public async Task Lessons_and_questions_are_changed_only_through_their_own_course()
    {
        var course = await TrainingSupport.CourseAsync(db);
        var other = await TrainingSupport.CourseAsync(db);
        var lesson = (await LessonIdsAsync(course))[0];
        var (question, _) = await QuestionIdsAsync(course);

        (await db.SendAsync<Result>(new DeleteLessonCommand(other, lesson))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new RemoveQuestionCommand(other, question))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new MoveInCourseCommand(other, CourseItemKind.Lesson, lesson, false))).Succeeded.Should().BeFalse();
        (await EditAsync(other, question, "Чужой", ["а", "б"], [0])).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new MoveInCourseCommand(course, (CourseItemKind)42, lesson, false))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new AddLessonCommand(int.MaxValue, "Урок", "", null))).Errors.Single().ErrorMessage.Should().Be("This course does not exist.");

        var unchanged = (await TrainingSupport.CourseForEditingAsync(db, course))!;
        (unchanged.Lessons.Count, unchanged.Questions.Count(q => q.RemovedAt is null)).Should().Be((2, 2));
    }

    private async Task<List<int>> LessonIdsAsync(int course) =>
        (await TrainingSupport.CourseForEditingAsync(db, course))!.Lessons.Select(l => l.Id).ToList();

    private async Task<(int First, int Second)> QuestionIdsAsync(int course)
    {
        var questions = (await TrainingSupport.CourseForEditingAsync(db, course))!.Questions;
        return (questions[0].Id, questions[1].Id);
    }

    private async Task MoveAsync(int course, CourseItemKind kind, int id, bool up) =>
        (await db.SendAsync<Result>(new MoveInCourseCommand(course, kind, id, up))).Succeeded.Should().BeTrue();

    private Task<Result> EditAsync(int course, int question, string text, string?[] options, int[] right) =>
        db.SendAsync<Result>(new EditQuestionCommand(course, question, text, options, right));

    private async Task PassAsync(Guid seller, int course)
    {
        var started = await db.SendAsync<StartTestAttemptResult>(new StartTestAttemptCommand(seller, course));
        var result = await db.SendAsync<SubmitTestAttemptResult>(new SubmitTestAttemptCommand(
            seller, started.AttemptId!.Value, await TrainingSupport.AnswersAsync(db, course, right: true)));
        result.Passed.Should().BeTrue();
    }
}
