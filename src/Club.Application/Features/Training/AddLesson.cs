using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Training;
using Mediator;

namespace Club.Application.Features.Training;

/// <summary>
/// Adds a lesson at the end of a course. The text is stored as typed and shown as plain paragraphs;
/// a video link must be an absolute http(s) address.
/// </summary>
public sealed record AddLessonCommand(int CourseId, string? Title, string? Text, string? VideoUrl) : ICommand<Result>, ILessonFields, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class AddLessonValidator : CommandValidator<AddLessonCommand>
{
    public AddLessonValidator() => this.LessonRules();
}

public sealed class AddLessonHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<AddLessonCommand, Result>
{
    public async ValueTask<Result> Handle(AddLessonCommand command, CancellationToken cancellationToken)
    {
        var lesson = TrainingInput.CleanLesson(command);

        return await CourseItems.AppendAsync(
            dbFactory, audit, command.CourseId, db => db.Lessons,
            position => new Lesson { CourseId = command.CourseId, Position = position, Title = lesson.Title, Text = lesson.Text, VideoUrl = lesson.VideoUrl },
            added => CourseAudit.Change(CourseAudit.Lesson, "create", added.Id, null, CourseAudit.Of(added)),
            cancellationToken);
    }
}
