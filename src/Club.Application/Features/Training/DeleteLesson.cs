using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A program manager deletes a lesson with its files. Its read marks go with it; completions already
/// reached and the points paid for them stay (the ledger is never rewritten). A seller who had read every
/// other lesson completes the course with the next lesson page visit's button (see <see cref="MarkLessonReadCommand"/>).
/// A second delete of the same lesson (double click) finds nothing and says so.
/// </summary>
public sealed record DeleteLessonCommand(int CourseId, int LessonId) : ICommand<Result>, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class DeleteLessonHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<DeleteLessonCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteLessonCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await CourseItems.LockCourseAsync(db, command.CourseId, cancellationToken))
        {
            return Result.Fail("This course does not exist.");
        }

        var lesson = await db.Lessons
            .FromSql($"SELECT * FROM lessons WHERE id = {command.LessonId} AND course_id = {command.CourseId} FOR UPDATE")
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (lesson is null)
        {
            return Result.Fail("This lesson was already deleted.");
        }

        // The files go with the lesson (cascade), so the row names them too.
        var files = await db.LessonFiles.Where(f => f.LessonId == lesson.Id).OrderBy(f => f.Id).Select(f => f.Title).ToListAsync(cancellationToken);
        await db.Lessons.Where(l => l.Id == lesson.Id).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(CourseAudit.Change(CourseAudit.Lesson, "delete", lesson.Id,
            new { lesson.CourseId, lesson.Position, lesson.Title, lesson.Text, lesson.VideoUrl, Files = files }, null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
