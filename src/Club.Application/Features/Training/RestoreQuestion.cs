using Club.Application.Abstractions;
using Club.Application.Features.Audit;
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

public sealed class RestoreQuestionHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<RestoreQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(RestoreQuestionCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await CourseItems.LockCourseAsync(db, command.CourseId, cancellationToken))
        {
            return Result.Fail("This course does not exist.");
        }

        var question = await db.Questions
            .FromSql($"SELECT * FROM questions WHERE id = {command.QuestionId} AND course_id = {command.CourseId} FOR NO KEY UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            return Result.Fail("This question does not exist.");
        }

        // A question still in the test keeps its place and date, and nothing is logged.
        if (question.RemovedAt is not null)
        {
            var before = CourseAudit.Of(question);
            question.Position = (await db.Questions.Where(q => q.CourseId == command.CourseId).MaxAsync(q => (int?)q.Position, cancellationToken) ?? 0) + 1;
            question.ChangedAt = clock.GetUtcNow();
            question.RemovedAt = null;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(CourseAudit.Change(CourseAudit.Question, "restore", question.Id, before, CourseAudit.Of(question)), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return Result.Ok;
    }
}
