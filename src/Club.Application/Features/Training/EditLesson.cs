using Club.Application.Abstractions;
using Club.Application.Validation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A program manager corrects a lesson's title, text or video link. Sellers who read it keep their read
/// mark (a fixed typo is no reason to read again) and nothing about points changes.
/// </summary>
public sealed record EditLessonCommand(int CourseId, int LessonId, string? Title, string? Text, string? VideoUrl) : ICommand<Result>, ILessonFields, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class EditLessonValidator : CommandValidator<EditLessonCommand>
{
    public EditLessonValidator() => this.LessonRules();
}

public sealed class EditLessonHandler(IClubDbFactory dbFactory) : ICommandHandler<EditLessonCommand, Result>
{
    public async ValueTask<Result> Handle(EditLessonCommand command, CancellationToken cancellationToken)
    {
        var lesson = TrainingInput.CleanLesson(command);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var updated = await db.Lessons
            .Where(l => l.Id == command.LessonId && l.CourseId == command.CourseId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.Title, lesson.Title).SetProperty(l => l.Text, lesson.Text).SetProperty(l => l.VideoUrl, lesson.VideoUrl),
                cancellationToken);
        return updated == 1 ? Result.Ok : Result.Fail("This lesson does not exist.");
    }
}
