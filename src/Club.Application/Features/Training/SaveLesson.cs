using Club.Application.Abstractions;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// Adds a lesson at the end of a course. The text is stored as typed and shown as plain paragraphs;
/// a video link must be an absolute http(s) address.
/// </summary>
public sealed record AddLessonCommand(int CourseId, string? Title, string? Text, string? VideoUrl) : ICommand<Result>;

public sealed class AddLessonHandler(IClubDbFactory dbFactory) : ICommandHandler<AddLessonCommand, Result>
{
    public async ValueTask<Result> Handle(AddLessonCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var text = command.Text?.Trim() ?? "";
        var video = string.IsNullOrWhiteSpace(command.VideoUrl) ? null : command.VideoUrl.Trim();
        if (title.Length is 0 or > Lesson.MaxTitleLength)
        {
            return Result.Fail("Give the lesson a title (up to 200 characters).");
        }

        if (text.Length > Lesson.MaxTextLength)
        {
            return Result.Fail("The lesson text is too long (up to 20,000 characters).");
        }

        if (video is not null && (video.Length > Lesson.MaxUrlLength || !Lesson.IsSafeLink(video)))
        {
            return Result.Fail("The video link must start with http:// or https://.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Courses.AnyAsync(c => c.Id == command.CourseId, cancellationToken))
        {
            return Result.Fail("This course does not exist.");
        }

        var position = await db.Lessons.Where(l => l.CourseId == command.CourseId).MaxAsync(l => (int?)l.Position, cancellationToken) ?? 0;
        db.Lessons.Add(new Lesson { CourseId = command.CourseId, Position = position + 1, Title = title, Text = text, VideoUrl = video });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
