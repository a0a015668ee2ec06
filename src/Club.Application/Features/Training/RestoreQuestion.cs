using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A program manager puts a removed question back into the test, at its end. For an attempt open right
/// now it counts as a new question (neither shown nor graded there); the next attempts have it. Putting
/// back a question that is in the test changes nothing.
/// </summary>
public sealed record RestoreQuestionCommand(int CourseId, int QuestionId) : ICommand<Result>, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class RestoreQuestionHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<RestoreQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(RestoreQuestionCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await CourseItems.LockCourseAsync(db, command.CourseId, cancellationToken))
        {
            return Result.Fail("This course does not exist.");
        }

        var now = clock.GetUtcNow();
        var end = (await db.Questions.Where(q => q.CourseId == command.CourseId).MaxAsync(q => (int?)q.Position, cancellationToken) ?? 0) + 1;
        // Every SET reads the row as it was, so a question still in the test keeps its place and date.
        var found = await db.Questions
            .Where(q => q.Id == command.QuestionId && q.CourseId == command.CourseId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(q => q.Position, q => q.RemovedAt == null ? q.Position : end)
                .SetProperty(q => q.ChangedAt, q => q.RemovedAt == null ? q.ChangedAt : now)
                .SetProperty(q => q.RemovedAt, (DateTimeOffset?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found == 1 ? Result.Ok : Result.Fail("This question does not exist.");
    }
}
