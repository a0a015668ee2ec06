using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>A program manager deletes one file of a lesson; a second delete (double click) finds it gone and says so.</summary>
public sealed record DeleteLessonFileCommand(int CourseId, int FileId) : ICommand<Result>, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class DeleteLessonFileHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<DeleteLessonFileCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteLessonFileCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ofCourse = db.LessonFiles.Where(f => f.Id == command.FileId && db.Lessons.Any(l => l.Id == f.LessonId && l.CourseId == command.CourseId));
        // A file never changes once uploaded, so what is read here is what the delete removes (or nothing, if a double click won).
        var file = await ofCourse
            .Select(f => new { f.Id, f.LessonId, f.Title, f.FileName, f.ContentType, f.Length })
            .SingleOrDefaultAsync(cancellationToken);
        if (file is null || await ofCourse.ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return Result.Fail("This file was already deleted.");
        }

        await audit.RecordAsync(CourseAudit.Change(CourseAudit.LessonFile, "delete", file.Id, CourseAudit.OfFile(command.CourseId, file.LessonId, file.Title, file.FileName, file.ContentType, file.Length), null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
