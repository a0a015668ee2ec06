using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A program manager takes a question out of the test. It is marked removed, never deleted: answers
/// already stored refer to it, past attempts keep the score they were given, and an attempt open right
/// now is graded on the questions still in the test when it is submitted. A second remove changes nothing.
/// </summary>
public sealed record RemoveQuestionCommand(int CourseId, int QuestionId) : ICommand<Result>, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class RemoveQuestionHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<RemoveQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(RemoveQuestionCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var question = await db.Questions
            .FromSql($"SELECT * FROM questions WHERE id = {command.QuestionId} AND course_id = {command.CourseId} FOR NO KEY UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            return Result.Fail("This question does not exist.");
        }

        if (question.RemovedAt is null)
        {
            var before = CourseAudit.Of(question);
            question.RemovedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(CourseAudit.Change(CourseAudit.Question, "remove", question.Id, before, CourseAudit.Of(question)), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return Result.Ok;
    }
}
