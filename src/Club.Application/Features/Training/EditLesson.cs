using Club.Application.Abstractions;
using Club.Application.Features.Audit;
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

public sealed class EditLessonHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<EditLessonCommand, Result>
{
    public async ValueTask<Result> Handle(EditLessonCommand command, CancellationToken cancellationToken)
    {
        var lesson = TrainingInput.CleanLesson(command);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so the audit row's "before" is exactly what this edit replaces when two managers edit at once.
        var row = await db.Lessons
            .FromSql($"SELECT * FROM lessons WHERE id = {command.LessonId} AND course_id = {command.CourseId} FOR NO KEY UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Result.Fail("This lesson does not exist.");
        }

        var before = CourseAudit.Of(row);
        row.Title = lesson.Title;
        row.Text = lesson.Text;
        row.VideoUrl = lesson.VideoUrl;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(CourseAudit.Change(CourseAudit.Lesson, "update", row.Id, before, CourseAudit.Of(row)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
