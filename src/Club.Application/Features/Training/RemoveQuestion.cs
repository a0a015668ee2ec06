using Club.Application.Abstractions;
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

public sealed class RemoveQuestionHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<RemoveQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(RemoveQuestionCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var found = await db.Questions
            .Where(q => q.Id == command.QuestionId && q.CourseId == command.CourseId)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.RemovedAt, q => q.RemovedAt ?? now), cancellationToken);
        return found == 1 ? Result.Ok : Result.Fail("This question does not exist.");
    }
}
