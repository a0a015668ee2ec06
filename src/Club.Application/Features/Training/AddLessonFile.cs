using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Media;
using Club.Domain.Training;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A program manager attaches a picture (JPEG, PNG or WebP, up to 2 MB; shown in the lesson) or a PDF
/// (up to 10 MB; offered for download) to a lesson. What the file is comes from its own first bytes,
/// never from its name or the browser; the name is kept only as a cleaned-up download name.
/// </summary>
public sealed record AddLessonFileCommand(int CourseId, int LessonId, string? Title, string? FileName, byte[] Content) : ICommand<Result>, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class AddLessonFileValidator : CommandValidator<AddLessonFileCommand>
{
    private const int Megabyte = 1024 * 1024;

    public AddLessonFileValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithKey("Choose a file.")
            .Must(c => FileSignature.PictureOrPdf(c) is not null).WithKey("This is not a JPEG, PNG or WebP picture or a PDF file.")
            .Must(c => !FileSignature.IsPicture(FileSignature.PictureOrPdf(c)!) || c.Length <= LessonFile.MaxPictureBytes)
            .WithKey("The picture is larger than {0} MB.", LessonFile.MaxPictureBytes / Megabyte)
            .Must(c => FileSignature.IsPicture(FileSignature.PictureOrPdf(c)!) || c.Length <= LessonFile.MaxPdfBytes)
            .WithKey("The PDF file is larger than {0} MB.", LessonFile.MaxPdfBytes / Megabyte);
        RuleFor(c => c).Must(c => AddLessonFileHandler.Caption(c, FileSignature.PictureOrPdf(c.Content)!).Length <= LessonFile.MaxTitleLength)
            .WithKey("The caption is too long (up to {0} characters).", LessonFile.MaxTitleLength);
    }
}

public sealed class AddLessonFileHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<AddLessonFileCommand, Result>
{
    public async ValueTask<Result> Handle(AddLessonFileCommand command, CancellationToken cancellationToken)
    {
        var contentType = FileSignature.PictureOrPdf(command.Content)
            ?? throw new ArgumentException("Not a picture or PDF: the validator passes only those.", nameof(command));
        var fileName = SafeFileName.For(command.FileName, contentType);
        var title = Caption(command, contentType);

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
            return Result.Fail(new UserMessage("A lesson holds up to {0} files: delete one first.", [LessonFile.MaxPerLesson]));
        }

        var file = new LessonFile
        {
            LessonId = command.LessonId, Title = title, FileName = fileName, ContentType = contentType,
            Content = command.Content, Length = command.Content.Length, UploadedAt = clock.GetUtcNow(),
        };
        db.LessonFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(CourseAudit.Change(CourseAudit.LessonFile, "add", file.Id, null, CourseAudit.OfFile(command.CourseId, file.LessonId, file.Title, file.FileName, file.ContentType, file.Length)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>The caption shown under the file: the one typed, else the file's cleaned-up name.</summary>
    internal static string Caption(AddLessonFileCommand command, string contentType) =>
        command.Title?.Trim() is { Length: > 0 } given ? given : Path.GetFileNameWithoutExtension(SafeFileName.For(command.FileName, contentType));
}
