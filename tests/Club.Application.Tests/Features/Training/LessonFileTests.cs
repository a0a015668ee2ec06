using Club.Application.Abstractions;
using Club.Application.Features.Training;
using Club.Application.Tests.Features.Points;
using Club.Domain.Media;
using Club.Domain.Members;
using Club.Domain.Training;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Training;

public class LessonFileTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_file_is_what_its_first_bytes_say_whatever_its_name()
    {
        var (course, lesson) = await LessonAsync();

        (await AddAsync(course, lesson, TrainingSupport.Png(), "evil.html")).Succeeded.Should().BeTrue();
        (await AddAsync(course, lesson, TrainingSupport.Pdf(), "Памятка.pdf", caption: "  ")).Succeeded.Should().BeTrue();
        var html = await AddAsync(course, lesson, "<html><script>alert(1)</script>"u8.ToArray(), "notes.pdf");
        var svg = await AddAsync(course, lesson, "<svg onload=alert(1)>"u8.ToArray(), "picture.png");
        var empty = await AddAsync(course, lesson, [], "nothing.pdf");

        html.Errors.Single().ErrorMessage.Should().Be("This is not a JPEG, PNG or WebP picture or a PDF file.");
        svg.Succeeded.Should().BeFalse();
        empty.Errors.Single().ErrorMessage.Should().Be("Choose a file.");
        var files = await FilesAsync(lesson);
        files.Select(f => (f.FileName, f.ContentType, f.Title)).Should().Equal(
            ("evil.html.png", FileSignature.Png, "evil.html"),
            ("Памятка.pdf", FileSignature.Pdf, "Памятка"));
    }

    [Fact]
    public async Task Pictures_may_be_2_mb_and_pdf_files_10_mb()
    {
        var (course, lesson) = await LessonAsync();

        (await AddAsync(course, lesson, TrainingSupport.Png(LessonFile.MaxPictureBytes), "max.png")).Succeeded.Should().BeTrue();
        (await AddAsync(course, lesson, TrainingSupport.Png(LessonFile.MaxPictureBytes + 1), "big.png")).Errors.Single().ErrorMessage
            .Should().Be("The picture is larger than 2 MB.");
        (await AddAsync(course, lesson, TrainingSupport.Pdf(5 * 1024 * 1024), "five.pdf")).Succeeded.Should().BeTrue();
        (await AddAsync(course, lesson, TrainingSupport.Pdf(LessonFile.MaxPdfBytes + 1), "big.pdf")).Errors.Single().ErrorMessage
            .Should().Be("The PDF file is larger than 10 MB.");
        (await AddAsync(course, lesson, TrainingSupport.Png(), "x.png", caption: new string('x', 201))).Succeeded.Should().BeFalse();

        (await FilesAsync(lesson)).Select(f => f.Length).Should().Equal(LessonFile.MaxPictureBytes, 5 * 1024 * 1024);
    }

    [Fact]
    public async Task Thirty_parallel_uploads_to_one_lesson_store_twenty()
    {
        var (course, lesson) = await LessonAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => AddAsync(course, lesson, TrainingSupport.Png(), $"{i}.png")));

        results.Count(r => r.Succeeded).Should().Be(LessonFile.MaxPerLesson);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Errors.Single().ErrorMessage == "A lesson holds up to 20 files: delete one first.");
        (await FilesAsync(lesson)).Should().HaveCount(LessonFile.MaxPerLesson);
    }

    [Fact]
    public async Task Sellers_get_the_files_of_published_courses_while_active_and_brand_staff_get_every_file()
    {
        var (published, lesson) = await LessonAsync();
        var (draft, draftLesson) = await LessonAsync(published: false);
        await AddAsync(published, lesson, TrainingSupport.Pdf(), "a.pdf");
        await AddAsync(draft, draftLesson, TrainingSupport.Png(), "b.png");
        var open = (await FilesAsync(lesson)).Single().Id;
        var hidden = (await FilesAsync(draftLesson)).Single().Id;
        var active = await TrainingSupport.SellerAsync(db);
        var pending = await TrainingSupport.SellerAsync(db, status: SellerStatus.Pending);
        var suspended = await TrainingSupport.SellerAsync(db, status: SellerStatus.Suspended);

        (await GetAsync(open, active))!.ContentType.Should().Be(FileSignature.Pdf);
        (await GetAsync(hidden, active)).Should().BeNull("a draft is not for sellers");
        (await GetAsync(open, pending)).Should().BeNull("the brand's material opens on activation");
        (await GetAsync(open, suspended)).Should().BeNull();
        (await GetAsync(hidden, null))!.Content.Should().Equal(TrainingSupport.Png());
        (await GetAsync(int.MaxValue, null)).Should().BeNull();

        var asSeller = await db.SendAsync<MyCourse?>(new GetMyCourseQuery(active, published));
        asSeller!.Lessons.Single(l => l.Id == lesson).Files.Single().FileName.Should().Be("a.pdf");
        var asPending = await db.SendAsync<MyCourse?>(new GetMyCourseQuery(pending, published));
        (asPending!.Open, asPending.Lessons.Count).Should().Be((false, 0));
        (await db.SendAsync<MyCourse?>(new GetMyCourseQuery(active, draft))).Should().BeNull();
    }

    [Fact]
    public async Task A_file_is_deleted_once_and_only_through_its_own_course()
    {
        var (course, lesson) = await LessonAsync();
        var (other, _) = await LessonAsync();
        await AddAsync(course, lesson, TrainingSupport.Png(), "a.png");
        var file = (await FilesAsync(lesson)).Single().Id;

        (await db.SendAsync<Result>(new DeleteLessonFileCommand(other, file))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new DeleteLessonFileCommand(course, file))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new DeleteLessonFileCommand(course, file))).Errors.Single().ErrorMessage.Should().Be("This file was already deleted.");
        (await AddAsync(other, lesson, TrainingSupport.Png(), "a.png")).Errors.Single().ErrorMessage.Should().Be("This lesson does not exist.");
    }

    [Fact]
    public async Task Deleting_a_lesson_takes_its_files_and_reads_and_keeps_completions_and_points()
    {
        var course = await TrainingSupport.CourseAsync(db, lessons: 3, completionPoints: 100);
        var lessons = (await TrainingSupport.CourseForEditingAsync(db, course))!.Lessons;
        await AddAsync(course, lessons[2].Id, TrainingSupport.Pdf(), "c.pdf");
        var finished = await TrainingSupport.SellerAsync(db);
        var halfway = await TrainingSupport.SellerAsync(db);
        foreach (var lesson in lessons)
        {
            await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(finished, lesson.Id));
        }

        await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(halfway, lessons[0].Id));
        await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(halfway, lessons[1].Id));

        (await db.SendAsync<Result>(new DeleteLessonCommand(course, lessons[2].Id))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new DeleteLessonCommand(course, lessons[2].Id))).Errors.Single().ErrorMessage.Should().Be("This lesson was already deleted.");

        (await FilesAsync(lessons[2].Id)).Should().BeEmpty();
        var late = await db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(halfway, lessons[2].Id));
        late.Result.Succeeded.Should().BeFalse("the lesson is gone");
        var page = await db.SendAsync<MyCourse?>(new GetMyCourseQuery(halfway, course));
        (page!.ReadyToComplete, page.Completed).Should().Be((true, false));

        // The course page's "complete" button marks the last lesson again; ten clicks pay once.
        var clicks = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            db.SendAsync<MarkLessonReadResult>(new MarkLessonReadCommand(halfway, lessons[1].Id))));

        clicks.Count(c => c.CourseCompleted).Should().Be(1);
        (await TrainingSupport.EntriesAsync(db, halfway, $"course:{course}:{halfway}")).Should().Be(1);
        (await TrainingSupport.EntriesAsync(db, finished, $"course:{course}:{finished}")).Should().Be(1);
        (await db.SendAsync<MyCourse?>(new GetMyCourseQuery(finished, course)))!.Completed.Should().BeTrue();
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    private async Task<(int Course, int Lesson)> LessonAsync(bool published = true)
    {
        var course = await TrainingSupport.CourseAsync(db, lessons: 1, published: published);
        return (course, (await TrainingSupport.CourseForEditingAsync(db, course))!.Lessons.Single().Id);
    }

    private Task<Result> AddAsync(int course, int lesson, byte[] content, string? name, string? caption = null) =>
        db.SendAsync<Result>(new AddLessonFileCommand(course, lesson, caption, name, content));

    private Task<LessonFileContent?> GetAsync(int file, Guid? seller) => db.SendAsync<LessonFileContent?>(new GetLessonFileQuery(file, seller));

    private Task<List<LessonFile>> FilesAsync(int lesson) =>
        db.WithScopeAsync<ClubDbContext, List<LessonFile>>(c => c.LessonFiles.AsNoTracking().Where(f => f.LessonId == lesson).OrderBy(f => f.Id).ToListAsync());
}
