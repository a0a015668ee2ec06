using Club.Application.Abstractions;
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

public sealed class DeleteLessonHandler(IClubDbFactory dbFactory) : ICommandHandler<DeleteLessonCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteLessonCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await CourseItems.LockCourseAsync(db, command.CourseId, cancellationToken))
        {
            return Result.Fail("This course does not exist.");
        }

        var deleted = await db.Lessons.Where(l => l.Id == command.LessonId && l.CourseId == command.CourseId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted == 1 ? Result.Ok : Result.Fail("This lesson was already deleted.");
    }
}
