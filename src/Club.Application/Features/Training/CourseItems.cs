using System.Linq.Expressions;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Training;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// Positions of a course's lessons and questions. Every change of a course's list (add, move, delete)
/// first locks the course row, so two managers editing at once take turns instead of reading the same
/// positions; the unique (course, position) indexes are the last word if anything slips past.
/// </summary>
internal static class CourseItems
{
    /// <summary>
    /// Locks the course for the rest of the caller's transaction; false when it does not exist. NO KEY
    /// UPDATE, not UPDATE: sellers' attempts and reads only take a key-share lock on the course and so
    /// never wait for a manager.
    /// </summary>
    public static async Task<bool> LockCourseAsync(IClubDb db, int courseId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM courses WHERE id = {courseId} FOR NO KEY UPDATE")
            .ToListAsync(cancellationToken)).Count == 1;

    /// <summary>
    /// Adds an item after the course's last one; <paramref name="create"/> gets its position, and
    /// <paramref name="logged"/> the saved item (with its id) for the audit row written in the same transaction.
    /// </summary>
    public static async Task<Result> AppendAsync<T>(
        IClubDbFactory dbFactory, IAuditTrail audit, int courseId, Func<IClubDb, DbSet<T>> items, Func<int, T> create,
        Func<T, AuditChange> logged, CancellationToken cancellationToken)
        where T : class, ICourseItem
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await LockCourseAsync(db, courseId, cancellationToken))
        {
            return Result.Fail("This course does not exist.");
        }

        var set = items(db);
        var last = await set.Where(i => i.CourseId == courseId).MaxAsync(i => (int?)i.Position, cancellationToken) ?? 0;
        var item = create(last + 1);
        set.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(logged(item), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// Swaps an item with its neighbour above or below among those <paramref name="listed"/>; the first
    /// item moved up (or the last down) stays put and logs nothing. False when the item is not in the course.
    /// A move is logged as <c>{entityType}.move</c>: the item's position, and the neighbour it swapped with.
    /// </summary>
    public static async Task<bool> MoveAsync<T>(
        IClubDb db, IAuditTrail audit, string entityType, DbSet<T> items, int courseId, int id, bool up, Expression<Func<T, bool>> listed,
        CancellationToken cancellationToken)
        where T : class, ICourseItem
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await LockCourseAsync(db, courseId, cancellationToken))
        {
            return false;
        }

        var position = await items.Where(i => i.Id == id && i.CourseId == courseId).Where(listed)
            .Select(i => (int?)i.Position).SingleOrDefaultAsync(cancellationToken);
        if (position is not { } from)
        {
            return false;
        }

        var course = items.Where(i => i.CourseId == courseId).Where(listed);
        var neighbour = await (up
                ? course.Where(i => i.Position < from).OrderByDescending(i => i.Position)
                : course.Where(i => i.Position > from).OrderBy(i => i.Position))
            .Select(i => new { i.Id, i.Position }).FirstOrDefaultAsync(cancellationToken);
        if (neighbour is not null)
        {
            // The unique index is checked row by row, so a swap goes through free (negative) positions.
            var pair = items.Where(i => i.Id == id || i.Id == neighbour.Id);
            await pair.ExecuteUpdateAsync(s => s.SetProperty(i => i.Position, i => -i.Position), cancellationToken);
            await pair.ExecuteUpdateAsync(
                s => s.SetProperty(i => i.Position, i => i.Id == id ? neighbour.Position : from), cancellationToken);
            await audit.RecordAsync(CourseAudit.Change(entityType, "move", id,
                new { CourseId = courseId, Position = from },
                new { CourseId = courseId, neighbour.Position, SwappedWith = neighbour.Id }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
