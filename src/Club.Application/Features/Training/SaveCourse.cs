using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Training;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A program manager creates a course (no id) or edits one: title, summary, points and test rules. A partner
/// manager (<see cref="PartnerManagerId"/>) does the same for their partner's courses only; the courses
/// they create are their partner's, and pay no points.
/// </summary>
public sealed record SaveCourseCommand(
    int? CourseId, string EditedBy, string? Title, string? Summary, int CompletionPoints, int TestPoints,
    int PassPercent, int MaxAttempts, int CooldownMinutes, bool Published) : ICommand<SaveCourseResult>
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed record SaveCourseResult(Result Result, int? CourseId = null) : IFailable<SaveCourseResult>
{
    public static SaveCourseResult Invalid(IReadOnlyList<FieldFailure> failures) => new(Result.Invalid(failures));
}

public sealed class SaveCourseValidator : CommandValidator<SaveCourseCommand>
{
    public SaveCourseValidator()
    {
        RuleFor(c => c.Title).Must(t => t?.Trim().Length > 0).WithKey("Give the course a title.")
            .Must(t => t!.Trim().Length <= Course.MaxTitleLength).WithKey("The title is too long.");
        RuleFor(c => c.Summary).Must(s => (s?.Trim().Length ?? 0) <= Course.MaxSummaryLength).WithKey("The summary is too long.");
        RuleFor(c => c.CompletionPoints).Points(Course.MaxPoints);
        RuleFor(c => c.TestPoints).Points(Course.MaxPoints);
        RuleFor(c => c.PassPercent).InclusiveBetween(1, 100).WithKey("The pass mark is a percentage from 1 to 100.");
        RuleFor(c => c.MaxAttempts).InclusiveBetween(1, Course.AttemptsLimit).WithKey("Attempts must be from {0} to {1}.", 1, Course.AttemptsLimit);
        RuleFor(c => c.CooldownMinutes).InclusiveBetween(0, Course.CooldownLimitDays * 24 * 60)
            .WithKey("The pause between attempts is from 0 minutes to {0} days.", Course.CooldownLimitDays);
    }
}

public sealed class SaveCourseHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SaveCourseCommand, SaveCourseResult>
{
    public async ValueTask<SaveCourseResult> Handle(SaveCourseCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var summary = command.Summary?.Trim() ?? "";
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await CourseScope.EditorPartnerAsync(db, command.PartnerManagerId, cancellationToken);
        Course? course;
        object? before = null;
        if (command.CourseId is { } id)
        {
            course = await db.Courses.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (partner is not null && course?.PartnerId != partner)
            {
                throw new NotFoundException(CourseScope.NotYours);
            }

            if (course is null)
            {
                return new(Result.Fail("This course does not exist."));
            }

            before = Snapshot(course);
        }
        else
        {
            course = new Course { Title = title, CreatedAt = clock.GetUtcNow(), CreatedBy = command.EditedBy, PartnerId = partner };
            db.Courses.Add(course);
        }

        if (course.PartnerId is not null && (command.CompletionPoints > 0 || command.TestPoints > 0))
        {
            return new(Result.Fail(CourseScope.PartnerCoursePaysNoPoints));
        }

        course.Title = title;
        course.Summary = summary;
        course.CompletionPoints = command.CompletionPoints;
        course.TestPoints = command.TestPoints;
        course.PassPercent = command.PassPercent;
        course.MaxAttempts = command.MaxAttempts;
        course.CooldownMinutes = command.CooldownMinutes;
        course.Published = command.Published;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // A new course's id exists only after the insert; the row follows in the same transaction.
        await audit.RecordAsync(new AuditChange(before is null ? "course.create" : "course.update", "course",
            course.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(course)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(Result.Ok, course.Id);
    }

    private static object Snapshot(Course c) => new
    {
        c.Title, c.Summary, c.PartnerId, c.CompletionPoints, c.TestPoints, c.PassPercent, c.MaxAttempts, c.CooldownMinutes, c.Published,
    };
}
