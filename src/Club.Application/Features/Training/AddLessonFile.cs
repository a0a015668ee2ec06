using Club.Application.Abstractions;
using Club.Domain.Media;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A program manager attaches a picture (JPEG, PNG or WebP, up to 2 MB; shown in the lesson) or a PDF
/// (up to 10 MB; offered for download) to a lesson. What the file is comes from its own first bytes,
/// never from its name or the browser; the name is kept only as a cleaned-up download name.
/// </summary>
public sealed record AddLessonFileCommand(int CourseId, int LessonId, string? Title, string? FileName, byte[] Content) : ICommand<Result>;

public sealed class AddLessonFileHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<AddLessonFileCommand, Result>
{
    public async ValueTask<Result> Handle(AddLessonFileCommand command, CancellationToken cancellationToken)
    {
        if (command.Content.Length == 0)
        {
            return Result.Fail("Choose a file.");
        }

        if (FileSignature.PictureOrPdf(command.Content) is not { } contentType)
        {
            return Result.Fail("This is not a JPEG, PNG or WebP picture or a PDF file.");
        }

        if (command.Content.Length > LessonFile.MaxBytesFor(contentType))
        {
            return Result.Fail(FileSignature.IsPicture(contentType) ? "The picture is larger than 2 MB." : "The PDF file is larger than 10 MB.");
        }

        var fileName = SafeFileName.For(command.FileName, contentType);
        var title = command.Title?.Trim() is { Length: > 0 } given ? given : Path.GetFileNameWithoutExtension(fileName);
        if (title.Length > LessonFile.MaxTitleLength)
        {
            return Result.Fail("The caption is too long (up to 200 characters).");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The lesson row's lock makes parallel uploads to one lesson count one after another, and a
        // delete of the lesson wait for the upload (or the upload find the lesson gone).
        var lessons = await db.Database.SqlQuery<int>(
            $"SELECT id AS \"Value\" FROM lessons WHERE id = {command.LessonId} AND course_id = {command.CourseId} FOR NO KEY UPDATE")
            .ToListAsync(cancellationToken);
        if (lessons.Count == 0)
        {
            return Result.Fail("This lesson does not exist.");
        }

        if (await db.LessonFiles.CountAsync(f => f.LessonId == command.LessonId, cancellationToken) >= LessonFile.MaxPerLesson)
        {
            return Result.Fail("A lesson holds up to 20 files: delete one first.");
        }

        db.LessonFiles.Add(new LessonFile
        {
            LessonId = command.LessonId, Title = title, FileName = fileName, ContentType = contentType,
            Content = command.Content, Length = command.Content.Length, UploadedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
