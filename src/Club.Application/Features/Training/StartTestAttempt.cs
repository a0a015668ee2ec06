using System.Security.Cryptography;
using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// Opens an attempt at a course's test, or returns the attempt already open (a double click starts one).
/// Refused once the test is passed, when the attempts are used up, or during the pause after a failure.
/// </summary>
public sealed record StartTestAttemptCommand(Guid MemberId, int CourseId) : ICommand<StartTestAttemptResult>;

public sealed record StartTestAttemptResult(Result Result, long? AttemptId = null);

public sealed class StartTestAttemptHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<StartTestAttemptCommand, StartTestAttemptResult>
{
    public async ValueTask<StartTestAttemptResult> Handle(StartTestAttemptCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await TrainingAccess.IsActiveSellerAsync(db, command.MemberId, cancellationToken))
        {
            return new(Result.Fail(TrainingAccess.NotActive));
        }

        var course = await TrainingAccess.PublishedCourseAsync(db, command.CourseId, command.MemberId, cancellationToken);
        if (course is null || !await db.Questions.AnyAsync(q => q.CourseId == course.Id && q.RemovedAt == null, cancellationToken))
        {
            return new(Result.Fail("This course has no test."));
        }

        var mine = db.TestAttempts.Where(a => a.CourseId == course.Id && a.MemberId == command.MemberId);
        if (await mine.Where(a => a.SubmittedAt == null).Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken) is { } open)
        {
            return new(Result.Ok, open);
        }

        var submitted = await mine.Where(a => a.SubmittedAt != null).OrderBy(a => a.SubmittedAt)
            .Select(a => new { a.SubmittedAt, a.Passed }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (submitted.Any(a => a.Passed == true))
        {
            return new(Result.Fail("You have already passed this test."));
        }

        if (submitted.Count >= course.MaxAttempts)
        {
            return new(Result.Fail("You have used all attempts at this test."));
        }

        if (submitted.Count > 0 && submitted[^1].SubmittedAt!.Value.AddMinutes(course.CooldownMinutes) > now)
        {
            return new(Result.Fail("Take a pause before the next attempt: the test opens again later."));
        }

        // The partial unique index allows one open attempt, and the counts are re-checked in the same
        // statement, so parallel starts (two tabs, a double click) open one attempt within the limit.
        var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
        var (member, courseId, max) = (command.MemberId, course.Id, course.MaxAttempts);
        var inserted = await db.Database.SqlQuery<long>($"""
            INSERT INTO test_attempts (course_id, member_id, seed, started_at)
            SELECT {courseId}, {member}, {seed}, {now}
            WHERE (SELECT count(*) FROM test_attempts WHERE course_id = {courseId} AND member_id = {member}) < {max}
              AND NOT EXISTS (SELECT 1 FROM test_attempts WHERE course_id = {courseId} AND member_id = {member} AND passed)
            ON CONFLICT (member_id, course_id) WHERE submitted_at IS NULL DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (inserted.Count == 1)
        {
            return new(Result.Ok, inserted[0]);
        }

        var other = await mine.Where(a => a.SubmittedAt == null).Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken);
        return other is null ? new(Result.Fail("You have used all attempts at this test.")) : new(Result.Ok, other);
    }
}
