using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>A program manager deletes one file of a lesson; a second delete (double click) finds it gone and says so.</summary>
public sealed record DeleteLessonFileCommand(int CourseId, int FileId) : ICommand<Result>, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class DeleteLessonFileHandler(IClubDbFactory dbFactory) : ICommandHandler<DeleteLessonFileCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteLessonFileCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var deleted = await db.LessonFiles
            .Where(f => f.Id == command.FileId && db.Lessons.Any(l => l.Id == f.LessonId && l.CourseId == command.CourseId))
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? Result.Ok : Result.Fail("This file was already deleted.");
    }
}
