using System.Net;
using System.Net.Http.Headers;
using Club.Application.Abstractions;
using Club.Application.Features.Training;
using Club.Domain.Training;
using Club.Infrastructure.Persistence;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Training;

public class LessonPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    [Fact]
    public async Task The_lesson_and_question_editors_open_to_brand_staff_only()
    {
        var (course, lesson, question) = await DemoIdsAsync();

        await site.AssertOpensOnlyToAsync($"/manage/courses/{course}/lessons/{lesson}", "manager@club.demo", "seller@club.demo");
        await site.AssertOpensOnlyToAsync($"/manage/courses/{course}/lessons/{lesson}", "admin@club.demo", "buyer@club.demo");
        // A partner manager edits only their partner's courses: the brand's course is not found for them.
        (await (await ClientAsync("partner@club.demo")).GetAsync($"/manage/courses/{course}/lessons/{lesson}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await site.AssertOpensOnlyToAsync($"/manage/courses/{course}/questions/{question}", "manager@club.demo", "buyer@club.demo");
        var manager = await ClientAsync("manager@club.demo");
        (await manager.GetAsync($"/manage/courses/{course}/lessons/999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await manager.GetAsync($"/manage/courses/{course + 1000}/questions/{question}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_demo_lesson_files_go_to_sellers_and_staff_with_safe_headers_and_to_nobody_else()
    {
        var (picture, pdf) = await DemoFilesAsync();
        var seller = await ClientAsync("seller@club.demo");

        var image = await seller.GetAsync($"/media/lessons/{picture}");
        image.StatusCode.Should().Be(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        image.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        image.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        image.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("sandbox");
        var download = await seller.GetAsync($"/media/lessons/{pdf}");
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileName.Should().Be("seller-checklist.pdf");
        (await download.Content.ReadAsByteArrayAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());
        (await (await ClientAsync("manager@club.demo")).GetAsync($"/media/lessons/{pdf}")).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var other in new[] { "buyer@club.demo", "partner@club.demo", "factory@club.demo" })
        {
            (await (await ClientAsync(other)).GetAsync($"/media/lessons/{pdf}")).StatusCode.Should().Be(HttpStatusCode.NotFound, other);
        }

        var anonymous = await site.CreateBrowserlessClient().GetAsync($"/media/lessons/{pdf}");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().Should().Contain("/account/sign-in");
        (await seller.GetAsync("/media/lessons/999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_seller_sees_the_picture_inline_and_the_pdf_as_a_link_but_nothing_of_a_draft()
    {
        var (course, _, _) = await DemoIdsAsync();
        var (picture, pdf) = await DemoFilesAsync();
        var seller = await ClientAsync("seller@club.demo");

        var page = await seller.GetStringAsync($"/training/{course}");

        page.Should().Contain($"<img src=\"/media/lessons/{picture}\" alt=\"{DemoTraining.PictureTitle}\"")
            .And.Contain($"href=\"/media/lessons/{pdf}\" download=\"seller-checklist.pdf\"");
        var draft = await Send<SaveCourseResult>(new SaveCourseCommand(null, "tests", "Черновик", "", 0, 0, 80, 3, 0, Published: false));
        await Send<Result>(new AddLessonCommand(draft.CourseId!.Value, "Черновой урок", "", null));
        var draftLesson = (await Send<CourseForEditing?>(new GetCourseForEditingQuery(draft.CourseId.Value)))!.Lessons.Single().Id;
        await Send<Result>(new AddLessonFileCommand(draft.CourseId.Value, draftLesson, "Секрет", "secret.png", Png));
        var secret = (await Send<CourseForEditing?>(new GetCourseForEditingQuery(draft.CourseId.Value)))!.Files.Single().Id;
        (await seller.GetAsync($"/media/lessons/{secret}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await seller.GetStringAsync($"/training/{draft.CourseId}")).Should().NotContain("Черновой урок");
    }

    [Fact]
    public async Task A_manager_uploads_through_the_form_and_hostile_names_and_captions_stay_harmless()
    {
        var (course, lesson, _) = await DemoIdsAsync();
        var manager = await ClientAsync("manager@club.demo");
        var url = $"/manage/courses/{course}/lessons/{lesson}";

        var uploaded = await UploadAsync(manager, url, Png, "..\\..\\'><img src=x onerror=alert(1)>;\u202Egnp.html", "<script>alert('caption')</script>");
        var html = await UploadAsync(manager, url, "<html><script>alert(1)</script></html>"u8.ToArray(), "notes.pdf", "");
        var bigPicture = await UploadAsync(manager, url, [.. Png, .. new byte[LessonFile.MaxPictureBytes]], "big.png", "");
        var bigPdf = await UploadAsync(manager, url, [.. "%PDF-1.4"u8, .. new byte[LessonFile.MaxPdfBytes]], "big.pdf", "");
        var none = await UploadAsync(manager, url, null, null, "");

        uploaded.Should().Contain("Файл загружен.").And.NotContain("<script>alert('caption')</script>").And.NotContain("<img src=x");
        html.Should().Contain("Это не картинка JPEG, PNG или WebP и не PDF-файл.");
        bigPicture.Should().Contain("Картинка больше 2 МБ.");
        bigPdf.Should().Contain("Файл больше 10 МБ.");
        none.Should().Contain("Выберите файл.");
        var file = (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.FilesOf(lesson).Single(f => f.Title.Contains("caption", StringComparison.Ordinal));
        file.FileName.Should().MatchRegex("""^[^"'<>/\\;:]+\.png$""");

        file.FileName.Should().StartWith("img src=x").And.EndWith(".html.png");
        var served = await (await ClientAsync("seller@club.demo")).GetAsync($"/media/lessons/{file.Id}");
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        served.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be(file.FileName);
        var lessonPage = await (await ClientAsync("seller@club.demo")).GetStringAsync($"/training/{course}");
        lessonPage.Should().Contain("&lt;script&gt;alert(&#x27;caption&#x27;)&lt;/script&gt;").And.NotContain("<script>alert('caption')");

        var deleted = await Post(manager, url, "files", ("Files.Delete", file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var again = await Post(manager, url, "files", ("Files.Delete", file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        (await deleted.Content.ReadAsStringAsync()).Should().Contain("Файл удалён.");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain("Этот файл уже удалён.");
    }

    [Fact]
    public async Task A_lesson_with_a_bad_video_link_is_explained_and_keeps_the_typed_text_and_a_good_one_is_saved()
    {
        var course = (await Send<SaveCourseResult>(new SaveCourseCommand(null, "tests", "Урок со ссылкой", "", 0, 0, 80, 3, 0, Published: false))).CourseId!.Value;
        await Send<Result>(new AddLessonCommand(course, "Было", "", null));
        var lesson = (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.Lessons.Single().Id;
        var manager = await ClientAsync("manager@club.demo");
        var url = $"/manage/courses/{course}/lessons/{lesson}";

        var bad = await Post(manager, url, "lesson", ("Lesson.Title", "Стало"), ("Lesson.Text", "Длинный текст урока"), ("Lesson.Video", "javascript:alert(1)"));
        var good = await Post(manager, url, "lesson", ("Lesson.Title", "Стало"), ("Lesson.Text", "Длинный текст урока"), ("Lesson.Video", "https://video.example/1"));

        (await bad.Content.ReadAsStringAsync()).Should().Contain("http:// или https://").And.Contain("value=\"Стало\"").And.Contain(">Длинный текст урока</textarea>");
        (await good.Content.ReadAsStringAsync()).Should().Contain("Сохранено.");
        (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.Lessons.Single().Title.Should().Be("Стало");
    }

    [Fact]
    public async Task A_removed_question_is_put_back_from_the_course_page()
    {
        var course = (await Send<SaveCourseResult>(new SaveCourseCommand(null, "tests", "Вернуть вопрос", "", 0, 0, 80, 3, 0, Published: true))).CourseId!.Value;
        await Send<Result>(new AddQuestionCommand(course, "Вопрос А", ["да", "нет"], [0]));
        await Send<Result>(new AddQuestionCommand(course, "Вопрос Б", ["да", "нет"], [1]));
        var id = (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.Questions[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var manager = await ClientAsync("manager@club.demo");
        var url = $"/manage/courses/{course}";
        await Post(manager, url, "questions", ("confirm-remove", id));
        (await manager.GetStringAsync(url)).Should().Contain("Убранные вопросы (1)").And.Contain("Вернуть в тест");

        var nonsense = await Post(manager, url, "restore-question", ("restore", "abc"));
        var page = await (await Post(manager, url, "restore-question", ("restore", id))).Content.ReadAsStringAsync();
        // A second click finds no such form on the page any more: the page that says nothing was changed.
        var fields = HtmlForms.HiddenFields(await manager.GetStringAsync(url));
        fields["_handler"] = "restore-question";
        fields["restore"] = id;
        var twice = await manager.PostAsync(url, new FormUrlEncodedContent(fields));

        nonsense.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("Вопрос снова в тесте, в конце.").And.NotContain("Убранные вопросы");
        twice.ShouldBeRefusedForm(url);
        (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.Questions.Where(q => q.RemovedAt is null).Select(q => q.Text)
            .Should().Equal("Вопрос Б", "Вопрос А");
    }

    [Fact]
    public async Task Lessons_move_and_are_deleted_after_a_confirmation_and_a_second_click_gets_a_plain_answer()
    {
        var course = (await Send<SaveCourseResult>(new SaveCourseCommand(null, "tests", "Порядок", "", 0, 0, 80, 3, 0, Published: true))).CourseId!.Value;
        foreach (var title in new[] { "Урок А", "Урок Б", "Урок В" })
        {
            await Send<Result>(new AddLessonCommand(course, title, "", null));
        }

        var ids = (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.Lessons.Select(l => l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var manager = await ClientAsync("manager@club.demo");
        var url = $"/manage/courses/{course}";

        await Post(manager, url, "lessons", ("up", ids[2]));
        var asked = await (await Post(manager, url, "lessons", ("delete", ids[0]))).Content.ReadAsStringAsync();
        var first = await Post(manager, url, "lessons", ("confirm-delete", ids[0]));
        var second = await Post(manager, url, "lessons", ("confirm-delete", ids[0]));
        var nonsense = await Post(manager, url, "lessons", ("up", "abc"), ("down", "-1"));

        asked.Should().Contain("Да, удалить урок");
        (await first.Content.ReadAsStringAsync()).Should().Contain("Урок удалён.");
        (await second.Content.ReadAsStringAsync()).Should().Contain("Этот урок уже удалён.");
        nonsense.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.Lessons.Select(l => l.Title).Should().Equal("Урок В", "Урок Б");
    }

    [Fact]
    public async Task An_answered_question_is_edited_in_its_wording_only_and_a_forged_change_of_the_right_answer_is_refused()
    {
        var (course, _, question) = await DemoIdsAsync();
        var seller = await ClientAsync("seller@club.demo");
        await HtmlForms.SubmitAsync(seller, $"/training/{course}/test", new Dictionary<string, string> { ["_handler"] = "test", ["Input.Start"] = "true" });
        var form = HtmlForms.HiddenFields(await seller.GetStringAsync($"/training/{course}/test"));
        form["_handler"] = "test";
        await seller.PostAsync($"/training/{course}/test", new FormUrlEncodedContent(form));
        var manager = await ClientAsync("manager@club.demo");
        var url = $"/manage/courses/{course}/questions/{question}";

        var page = await manager.GetStringAsync(url);
        var forged = await Post(manager, url, "question", ("questionText", "Что покупатель делает с биркой?"), ("option0", "Выбрасывает"),
            ("option1", "Проверяет подлинность и регистрирует изделие"), ("option2", "Сдаёт в магазин"), ("right", "0"));
        var reworded = await Post(manager, url, "question", ("questionText", "Что покупатель делает с биркой?"), ("option0", "Выбрасывает"),
            ("option1", "Проверяет подлинность и регистрирует изделие"), ("option2", "Сдаёт в магазин"), ("right", "1"));

        page.Should().Contain("На этот вопрос уже отвечали").And.NotContain("type=\"checkbox\" name=\"right\"");
        (await forged.Content.ReadAsStringAsync()).Should().Contain("На этот вопрос уже отвечали: можно поправить формулировки");
        (await reworded.Content.ReadAsStringAsync()).Should().Contain("Сохранено.");
        (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.Questions.Single(q => q.Id == question)
            .Should().Match<Question>(q => q.Text == "Что покупатель делает с биркой?" && q.Correct.SequenceEqual(new[] { 1 }));
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);
        return client;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string url, string handler, params (string Name, string Value)[] values)
    {
        var fields = HtmlForms.HiddenFields(await client.GetStringAsync(url));
        fields["_handler"] = handler;
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts the lesson page's upload form as a browser does (multipart), and returns the page it answers with.</summary>
    private static async Task<string> UploadAsync(HttpClient client, string url, byte[]? content, string? fileName, string caption)
    {
        var upload = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(await client.GetStringAsync(url)).Where(f => f.Key != "_handler"))
        {
            upload.Add(new StringContent(value), name);
        }

        upload.Add(new StringContent("upload"), "_handler");
        upload.Add(new StringContent(caption), "Upload.Caption");
        if (content is not null)
        {
            var file = new ByteArrayContent(content);
            // The browser's claim is ignored: it says HTML for every file here.
            file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            // Written by hand: HttpClient would refuse (rather than send) the quotes a hostile client sends.
            file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"Upload.File\"; filename=\"{fileName}\"");
            upload.Add(file);
        }

        var response = await client.PostAsync(url, upload);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<T> Send<T>(Mediator.IMessage request)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (T)(await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send((object)request))!;
    }

    private async Task<(int Course, int Lesson, int Question)> DemoIdsAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var course = await db.Courses.Where(c => c.Title == DemoTraining.CourseTitle).Select(c => c.Id).SingleAsync();
        var lesson = await db.Lessons.Where(l => l.CourseId == course).OrderBy(l => l.Position).Select(l => l.Id).FirstAsync();
        var question = await db.Questions.Where(q => q.CourseId == course).OrderBy(q => q.Position).Select(q => q.Id).FirstAsync();
        return (course, lesson, question);
    }

    private async Task<(int Picture, int Pdf)> DemoFilesAsync()
    {
        var (course, _, _) = await DemoIdsAsync();
        var files = (await Send<CourseForEditing?>(new GetCourseForEditingQuery(course)))!.Files;
        return (files.Single(f => f.Title == DemoTraining.PictureTitle).Id, files.Single(f => f.Title == DemoTraining.PdfTitle).Id);
    }
}
