using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A seller marks a lesson read. When that was the last unread lesson, the course is completed and its
/// points are credited, once (the completion's key and the ledger key both say so).
/// </summary>
public sealed record MarkLessonReadCommand(Guid MemberId, int LessonId) : ICommand<MarkLessonReadResult>;

public sealed record MarkLessonReadResult(Result Result, bool CourseCompleted = false);

public sealed class MarkLessonReadHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<MarkLessonReadCommand, MarkLessonReadResult>
{
    public async ValueTask<MarkLessonReadResult> Handle(MarkLessonReadCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await TrainingAccess.IsActiveSellerAsync(db, command.MemberId, cancellationToken))
        {
            return new(Result.Fail(TrainingAccess.NotActive));
        }

        var course = await db.Lessons
            .Where(l => l.Id == command.LessonId)
            .Join(db.Courses.VisibleTo(db, command.MemberId), l => l.CourseId, c => c.Id, (l, c) => c)
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (course is null)
        {
            return new(Result.Fail("This lesson does not exist."));
        }

        var now = clock.GetUtcNow();
        var member = command.MemberId;
        // Each statement commits on its own: of two last lessons marked at once, the later completion
        // check sees both reads, and the completion's primary key keeps it to one. The key-share lock
        // makes a lesson deleted meanwhile a quiet no-op rather than a foreign-key error. A lesson read
        // before still runs the completion check: after a manager deletes the one lesson a seller had
        // left, any lesson's button completes the course.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO lesson_reads (member_id, lesson_id, read_at) SELECT {member}, id, {now} FROM lessons WHERE id = {command.LessonId} FOR KEY SHARE ON CONFLICT DO NOTHING",
            cancellationToken);
        var complete = new LedgerGuard(
            """
            INSERT INTO course_completions (member_id, course_id, completed_at)
            SELECT {0}, {1}, {2}
            WHERE NOT EXISTS (SELECT 1 FROM lessons l WHERE l.course_id = {1}
                AND NOT EXISTS (SELECT 1 FROM lesson_reads r WHERE r.lesson_id = l.id AND r.member_id = {0}))
            ON CONFLICT DO NOTHING
            RETURNING course_id
            """,
            [member, course.Id, now]);
        bool completed;
        if (course.CompletionPoints > 0)
        {
            var posting = new PointsPosting(
                member, course.CompletionPoints, PointsReason.CourseCompleted, "course", course.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TrainingAccess.CourseKey(course.Id, member));
            completed = (await PointsLedger.PostAsync(db, [posting], now, cancellationToken, guard: complete)).Guarded;
        }
        else
        {
            completed = await db.Database.ExecuteSqlRawAsync(complete.Sql, complete.Args, cancellationToken) == 1;
        }

        return new(Result.Ok, completed);
    }
}
