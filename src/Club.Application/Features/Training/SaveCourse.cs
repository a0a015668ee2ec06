using Club.Application.Abstractions;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>A program manager creates a course (no id) or edits one: title, summary, points and test rules.</summary>
public sealed record SaveCourseCommand(
    int? CourseId, string EditedBy, string? Title, string? Summary, int CompletionPoints, int TestPoints,
    int PassPercent, int MaxAttempts, int CooldownMinutes, bool Published) : ICommand<SaveCourseResult>;

public sealed record SaveCourseResult(Result Result, int? CourseId = null);

public sealed class SaveCourseHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<SaveCourseCommand, SaveCourseResult>
{
    public async ValueTask<SaveCourseResult> Handle(SaveCourseCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var summary = command.Summary?.Trim() ?? "";
        var error = title.Length switch
        {
            0 => "Give the course a title.",
            > Course.MaxTitleLength => "The title is too long.",
            _ => summary.Length > Course.MaxSummaryLength ? "The summary is too long."
                : command.CompletionPoints is < 0 or > Course.MaxPoints || command.TestPoints is < 0 or > Course.MaxPoints ? "Points must be whole numbers from 0 to 100,000."
                : command.PassPercent is < 1 or > 100 ? "The pass mark is a percentage from 1 to 100."
                : command.MaxAttempts is < 1 or > 100 ? "Attempts must be from 1 to 100."
                : command.CooldownMinutes is < 0 or > 60 * 24 * 30 ? "The pause between attempts is from 0 minutes to 30 days."
                : null,
        };
        if (error is not null)
        {
            return new(Result.Fail(error));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        Course? course;
        if (command.CourseId is { } id)
        {
            course = await db.Courses.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (course is null)
            {
                return new(Result.Fail("This course does not exist."));
            }
        }
        else
        {
            course = new Course { Title = title, CreatedAt = clock.GetUtcNow(), CreatedBy = command.EditedBy };
            db.Courses.Add(course);
        }

        course.Title = title;
        course.Summary = summary;
        course.CompletionPoints = command.CompletionPoints;
        course.TestPoints = command.TestPoints;
        course.PassPercent = command.PassPercent;
        course.MaxAttempts = command.MaxAttempts;
        course.CooldownMinutes = command.CooldownMinutes;
        course.Published = command.Published;
        await db.SaveChangesAsync(cancellationToken);
        return new(Result.Ok, course.Id);
    }
}
