using Club.Domain.Training;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>One published demo course for sellers: three short lessons and a five-question test.</summary>
public static class DemoTraining
{
    public const string CourseTitle = "Аквамарин: камень, металл, продажа";

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
        new() { CourseId = courseId, Text = "Что покупатель делает с бумажной биркой изделия?", Options = ["Выбрасывает", "Проверяет подлинность и регистрирует изделие", "Сдаёт в магазин"], Correct = [1] },
        new() { CourseId = courseId, Text = "Какой камень в коллекции «Море»?", Options = ["Аквамарин", "Рубин", "Гранат"], Correct = [0] },
        new() { CourseId = courseId, Text = "Кто делает изделия бренда?", Options = ["Собственная фабрика", "Случайные поставщики"], Correct = [0] },
        new() { CourseId = courseId, Text = "Что стоит спросить у покупателя? (несколько ответов)", Options = ["Для кого украшение", "По какому поводу", "Сколько он зарабатывает"], Correct = [0, 1], Multiple = true },
        new() { CourseId = courseId, Text = "Когда продавец получает баллы за продажу?", Options = ["Сразу при записи продажи", "Когда покупатель зарегистрирует изделие"], Correct = [1] },
    ];
}
