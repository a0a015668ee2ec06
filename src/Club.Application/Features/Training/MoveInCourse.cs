using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;

namespace Club.Application.Features.Training;

public enum CourseItemKind
{
    Lesson,
    Question,
}

/// <summary>
/// A program manager moves a lesson or a question one place up or down in its course. Sellers read
/// lessons in this order; questions are shuffled per attempt anyway, so their order is the manager's own.
/// </summary>
public sealed record MoveInCourseCommand(int CourseId, CourseItemKind Kind, int ItemId, bool Up) : ICommand<Result>, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class MoveInCourseHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<MoveInCourseCommand, Result>
{
    public async ValueTask<Result> Handle(MoveInCourseCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (id, course, up) = (command.ItemId, command.CourseId, command.Up);
        return command.Kind switch
        {
            CourseItemKind.Lesson => await CourseItems.MoveAsync(db, audit, CourseAudit.Lesson, db.Lessons, course, id, up, _ => true, cancellationToken)
                ? Result.Ok : Result.Fail("This lesson does not exist."),
            CourseItemKind.Question => await CourseItems.MoveAsync(db, audit, CourseAudit.Question, db.Questions, course, id, up, q => q.RemovedAt == null, cancellationToken)
                ? Result.Ok : Result.Fail("This question does not exist."),
            _ => Result.Fail("Nothing to move."),
        };
    }
}
