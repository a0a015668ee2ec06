using Club.Domain.Media;
using Club.Domain.Training;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>
/// One published demo course for sellers: three short lessons, a picture in the first and a PDF in the
/// last (files from samples/training, embedded in this assembly), and a five-question test.
/// </summary>
public static class DemoTraining
{
    public const string CourseTitle = "Аквамарин: камень, металл, продажа";
    public const string PictureTitle = "Огранки аквамарина: изумрудная и круглая";
    public const string PdfTitle = "Памятка продавца";

    /// <summary>
    /// Adds the course when it is missing, and the lesson files when its lessons have none (a database
    /// made before lessons had files gets them too).
    /// </summary>
    internal static async Task<int> AddAsync(ClubDbContext db, CancellationToken cancellationToken)
    {
        var added = 0;
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Title == CourseTitle, cancellationToken);
        if (course is null)
        {
            course = Course(DateTimeOffset.UtcNow);
            db.Courses.Add(course);
            await db.SaveChangesAsync(cancellationToken);
            db.Lessons.AddRange(Lessons(course.Id));
            db.Questions.AddRange(Questions(course.Id));
            await db.SaveChangesAsync(cancellationToken);
            added++;
        }

        var lessons = await db.Lessons.Where(l => l.CourseId == course.Id).OrderBy(l => l.Position).Select(l => l.Id).ToListAsync(cancellationToken);
        if (lessons.Count > 0 && !await db.LessonFiles.AnyAsync(f => lessons.Contains(f.LessonId), cancellationToken))
        {
            db.LessonFiles.AddRange(DemoFile(lessons[0], PictureTitle, "aquamarine-cuts.png"), DemoFile(lessons[^1], PdfTitle, "seller-checklist.pdf"));
            await db.SaveChangesAsync(cancellationToken);
            added += 2;
        }

        return added;
    }

    private static LessonFile DemoFile(int lessonId, string title, string name)
    {
        using var stream = typeof(DemoTraining).Assembly.GetManifestResourceStream("Club.Infrastructure.DemoData." + name)
            ?? throw new InvalidOperationException($"The demo file {name} is not embedded (samples/training).");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var type = FileSignature.PictureOrPdf(content) ?? throw new InvalidOperationException($"The demo file {name} is neither a picture nor a PDF.");
        return new LessonFile
        {
            LessonId = lessonId, Title = title, FileName = name, ContentType = type, Content = content, Length = content.Length, UploadedAt = DateTimeOffset.UtcNow,
        };
    }

    public static Course Course(DateTimeOffset now) => new()
    {
        Title = CourseTitle,
        Summary = "Короткий курс о коллекциях бренда, о производстве и о том, как помочь покупателю выбрать украшение.",
        Published = true,
        CompletionPoints = 100,
        TestPoints = 200,
        PassPercent = 80,
        MaxAttempts = 3,
        CooldownMinutes = 30,
        CreatedAt = now,
        CreatedBy = "demo",
    };

    public static IEnumerable<Lesson> Lessons(int courseId) =>
    [
        new()
        {
            CourseId = courseId, Position = 1, Title = "Ассортимент и коллекции",
            Text = "Коллекция «Море» — кольца и серьги с аквамарином в серебре.\n\nКаждое изделие несёт бирку с QR-кодом и защитным слоем: покупатель проверяет подлинность и регистрирует изделие в клубе.",
        },
        new()
        {
            CourseId = courseId, Position = 2, Title = "Производитель",
            Text = "Изделия делает собственная фабрика бренда. Камни проходят ручную сортировку по цвету и чистоте.",
            VideoUrl = "https://example.com/club/factory-tour",
        },
        new()
        {
            CourseId = courseId, Position = 3, Title = "Техника продаж и индивидуальный подбор",
            Text = "Спросите, для кого украшение и по какому поводу.\n\nПредложите примерить два-три изделия разной формы и расскажите о регистрации в клубе: покупатель получит баллы, а вы — баллы за подтверждённую продажу.",
        },
    ];

    public static IEnumerable<Question> Questions(int courseId) =>
    [
        new() { CourseId = courseId, Position = 1, Text = "Что покупатель делает с бумажной биркой изделия?", Options = ["Выбрасывает", "Проверяет подлинность и регистрирует изделие", "Сдаёт в магазин"], Correct = [1] },
        new() { CourseId = courseId, Position = 2, Text = "Какой камень в коллекции «Море»?", Options = ["Аквамарин", "Рубин", "Гранат"], Correct = [0] },
        new() { CourseId = courseId, Position = 3, Text = "Кто делает изделия бренда?", Options = ["Собственная фабрика", "Случайные поставщики"], Correct = [0] },
        new() { CourseId = courseId, Position = 4, Text = "Что стоит спросить у покупателя? (несколько ответов)", Options = ["Для кого украшение", "По какому поводу", "Сколько он зарабатывает"], Correct = [0, 1], Multiple = true },
        new() { CourseId = courseId, Position = 5, Text = "Когда продавец получает баллы за продажу?", Options = ["Сразу при записи продажи", "Когда покупатель зарегистрирует изделие"], Correct = [1] },
    ];
}
