using Club.Application.Features.Surveys;
using Club.Application.Features.Training;
using Club.Application.Tests.Features.Catalog;
using Club.Application.Tests.Features.Training;
using Club.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Audit.AuditAssert;
using static Club.Application.Tests.Features.Audit.AuditTestKit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>A course's lessons, files and test questions, and a survey's questions: each edit's audit row with the values before and after.</summary>
[Collection(AuditedActions.Name)]
public class AuditedTrainingTests(AuditActorFixture db)
{
    [Fact]
    public async Task Lessons_and_their_files_are_logged_when_added_edited_moved_and_deleted()
    {
        var course = await TrainingSupport.CourseAsync(db, lessons: 2);
        var (first, second) = await db.QueryAsync(async c =>
        {
            var ids = await c.Lessons.Where(l => l.CourseId == course).OrderBy(l => l.Position).Select(l => l.Id).ToListAsync();
            return (ids[0], ids[1]);
        });
        await db.OkAsync(new EditLessonCommand(course, first, "Урок о камнях", "Новый текст", "https://video.example/1"));
        await db.OkAsync(new MoveInCourseCommand(course, CourseItemKind.Lesson, second, Up: true));
        await db.OkAsync(new AddLessonFileCommand(course, first, "Схема огранки", "scheme.png", TrainingSupport.Png(100)));
        var file = await db.QueryAsync(c => c.LessonFiles.Where(f => f.LessonId == first).Select(f => f.Id).SingleAsync());
        await db.OkAsync(new DeleteLessonFileCommand(course, file));
        await db.OkAsync(new AddLessonFileCommand(course, second, null, "price.pdf", TrainingSupport.Pdf(200)));
        await db.OkAsync(new DeleteLessonCommand(course, second));

        var created = await RowAsync(db, "lesson.create", "lesson", Id(first));
        Created(created, "courseId", course);
        Created(created, "title", "Урок 1");
        var edited = await RowAsync(db, "lesson.update", "lesson", Id(first));
        Changed(edited, "title", "Урок 1", "Урок о камнях");
        Changed(edited, "text", "Текст", "Новый текст");
        Changed(edited, "videoUrl", null, "https://video.example/1");
        var moved = await RowAsync(db, "lesson.move", "lesson", Id(second));
        Changed(moved, "position", 2, 1);
        After(moved, "swappedWith", first);
        var added = await RowAsync(db, "lesson-file.add", "lesson-file", Id(file));
        Created(added, "lessonId", first);
        Created(added, "title", "Схема огранки");
        Created(added, "contentType", "image/png");
        Created(added, "bytes", 100);
        Removed(await RowAsync(db, "lesson-file.delete", "lesson-file", Id(file)), "fileName", "scheme.png");
        var deleted = await RowAsync(db, "lesson.delete", "lesson", Id(second));
        Removed(deleted, "title", "Урок 2");
        Before(deleted, "position", 1);
        Before(deleted, "files", new[] { "price" });
        HasNoSecret(added);
    }

    [Fact]
    public async Task Test_questions_are_logged_when_added_edited_moved_removed_and_restored_and_a_repeat_logs_nothing()
    {
        var course = await TrainingSupport.CourseAsync(db, lessons: 0);
        var (first, second) = await db.QueryAsync(async c =>
        {
            var ids = await c.Questions.Where(q => q.CourseId == course).OrderBy(q => q.Position).Select(q => q.Id).ToListAsync();
            return (ids[0], ids[1]);
        });
        await db.OkAsync(new EditQuestionCommand(course, first, "Какой камень твёрже?", ["алмаз", "", "топаз", "кварц"], [0]));
        await db.OkAsync(new MoveInCourseCommand(course, CourseItemKind.Question, second, Up: true));
        await db.OkAsync(new RemoveQuestionCommand(course, first));
        await db.OkAsync(new RemoveQuestionCommand(course, first));
        await db.OkAsync(new RestoreQuestionCommand(course, first));
        await db.OkAsync(new RestoreQuestionCommand(course, first));

        var created = await RowAsync(db, "course-question.create", "course-question", Id(first));
        Created(created, "text", "Первый вопрос");
        Created(created, "options", new[] { "верно", "неверно", "тоже неверно" });
        Created(created, "correct", new[] { 0 });
        var edited = await RowAsync(db, "course-question.update", "course-question", Id(first));
        Changed(edited, "text", "Первый вопрос", "Какой камень твёрже?");
        Changed(edited, "options", new[] { "верно", "неверно", "тоже неверно" }, new[] { "алмаз", "топаз", "кварц" });
        Changed(await RowAsync(db, "course-question.move", "course-question", Id(second)), "position", 2, 1);
        var removed = await RowAsync(db, "course-question.remove", "course-question", Id(first));
        Before(removed, "removedAt", null);
        AfterValue(removed, "removedAt").Should().NotBe("null");
        var restored = await RowAsync(db, "course-question.restore", "course-question", Id(first));
        After(restored, "removedAt", null);
        Changed(restored, "position", 2, 3);
        (await CountAsync("course-question.remove", first)).Should().Be(1, "removing a removed question changes nothing");
        (await CountAsync("course-question.restore", first)).Should().Be(1, "restoring a question in the test changes nothing");
    }

    [Fact]
    public async Task Survey_questions_are_logged_when_added_and_removed_and_a_second_remove_logs_nothing()
    {
        var (opens, closes) = (new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var survey = (await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(null, "tests", $"Опрос {Unique()}", null, SurveyTarget.Buyers, null, null, opens, closes, 30)))
            .SurveyId!.Value;
        await db.OkAsync(new AddSurveyQuestionCommand(survey, "Откуда вы о нас узнали?", QuestionKind.SingleChoice, true, "Из рекламы\n\nОт друзей\n", false));
        var question = await db.QueryAsync(c => c.SurveyQuestions.Where(q => q.SurveyId == survey).Select(q => q.Id).SingleAsync());
        await db.OkAsync(new RemoveSurveyQuestionCommand(survey, question));
        await db.OkAsync(new RemoveSurveyQuestionCommand(survey, question));

        var added = await RowAsync(db, "survey-question.create", "survey-question", Id(question));
        Created(added, "surveyId", survey);
        Created(added, "kind", QuestionKind.SingleChoice);
        Created(added, "options", new[] { "Из рекламы", "От друзей" });
        var removed = await RowAsync(db, "survey-question.remove", "survey-question", Id(question));
        Removed(removed, "text", "Откуда вы о нас узнали?");
        (await CountAsync("survey-question.remove", question)).Should().Be(1);
    }

    private Task<int> CountAsync(string action, int id)
    {
        var entity = Id(id);
        return db.QueryAsync(c => c.AuditLog.CountAsync(e => e.Action == action && e.EntityId == entity));
    }
}
