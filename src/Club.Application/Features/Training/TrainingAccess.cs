using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Training;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>Checks shared by the seller's training use cases, and the test's per-attempt order.</summary>
internal static class TrainingAccess
{
    public const string NotActive = "Training opens once the program manager has activated your seller account.";

    public static Task<bool> IsActiveSellerAsync(IClubDb db, Guid memberId, CancellationToken cancellationToken) =>
        db.Members.AnyAsync(m => m.Id == memberId && m.SellerStatus == SellerStatus.Active, cancellationToken);

    public static string CourseKey(int courseId, Guid memberId) => $"course:{courseId}:{memberId}";

    public static string TestKey(int courseId, Guid memberId) => $"test:{courseId}:{memberId}";

    /// <summary>
    /// A stable shuffle: the same seed gives the same order on every node and reload, so nothing about the
    /// order needs storing but the attempt's seed (SplitMix64 of seed and item as the sort key).
    /// </summary>
    public static IEnumerable<T> Shuffle<T>(IEnumerable<T> items, int seed, Func<T, int> id) =>
        items.OrderBy(item => Mix(((ulong)(uint)seed << 32) | (uint)id(item)));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>The published course's test rules, or null when the member may not see it (or it does not exist).</summary>
    public static Task<Course?> PublishedCourseAsync(IClubDb db, int courseId, Guid memberId, CancellationToken cancellationToken) =>
        db.Courses.AsNoTracking().VisibleTo(db, memberId).SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
}
