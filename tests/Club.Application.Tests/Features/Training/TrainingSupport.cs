using Club.Application.Abstractions;
using Club.Application.Features.Training;
using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Training;

internal static class TrainingSupport
{
    /// <summary>A published course with the given lessons and two single-choice questions whose right option is the first.</summary>
    public static async Task<int> CourseAsync(
        DatabaseFixture db, int lessons = 2, int completionPoints = 100, int testPoints = 200, int passPercent = 100, int maxAttempts = 3, int cooldown = 60,
        bool published = true)
    {
        var saved = await db.SendAsync<SaveCourseResult>(new SaveCourseCommand(
            null, "tests", "Курс " + Guid.NewGuid().ToString("N")[..6], "", completionPoints, testPoints, passPercent, maxAttempts, cooldown, published));
        saved.Result.Succeeded.Should().BeTrue();
        var id = saved.CourseId!.Value;
        for (var i = 0; i < lessons; i++)
        {
            (await db.SendAsync<Result>(new AddLessonCommand(id, $"Урок {i + 1}", "Текст", null))).Succeeded.Should().BeTrue();
        }

        foreach (var text in new[] { "Первый вопрос", "Второй вопрос" })
        {
            (await db.SendAsync<Result>(new AddQuestionCommand(id, text, ["верно", "неверно", "тоже неверно"], [0]))).Succeeded.Should().BeTrue();
        }

        return id;
    }

    /// <summary>A file that starts like a PNG picture, padded to <paramref name="length"/> bytes.</summary>
    public static byte[] Png(int length = 64) => Padded([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], length);

    /// <summary>A file that starts like a PDF, padded to <paramref name="length"/> bytes.</summary>
    public static byte[] Pdf(int length = 64) => Padded("%PDF-1.4\n"u8.ToArray(), length);

    private static byte[] Padded(byte[] head, int length)
    {
        var bytes = new byte[length];
        head.CopyTo(bytes, 0);
        return bytes;
    }

    public static Task<CourseForEditing?> CourseForEditingAsync(DatabaseFixture db, int id) =>
        db.SendAsync<CourseForEditing?>(new GetCourseForEditingQuery(id));

    /// <summary>All right (or all wrong) answers for every question of the course.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyCollection<int>>> AnswersAsync(DatabaseFixture db, int courseId, bool right)
    {
        var course = await CourseForEditingAsync(db, courseId);
        return course!.Questions.ToDictionary(q => q.Id, q => (IReadOnlyCollection<int>)(right ? q.Correct : [q.Correct[0] == 0 ? 1 : 0]));
    }

    public static async Task<Guid> SellerAsync(DatabaseFixture db, int? shopId = null, SellerStatus status = SellerStatus.Active)
    {
        var shop = await db.WithScopeAsync<ClubDbContext, Shop>(c => c.Shops.AsNoTracking().OrderBy(x => x.Id).FirstAsync(x => shopId == null || x.Id == shopId));
        return (await TestTags.CreateSellerAsync(db.Services, shop.PartnerId, shop.Id, status, "Продавец " + Guid.NewGuid().ToString("N")[..10])).Id;
    }

    public static async Task<int> EntriesAsync(DatabaseFixture db, Guid member, string key) =>
        await db.WithScopeAsync<ClubDbContext, int>(c => c.PointsEntries.CountAsync(e => e.MemberId == member && e.IdempotencyKey == key));
}
