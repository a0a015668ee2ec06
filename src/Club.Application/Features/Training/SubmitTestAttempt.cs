using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A seller submits an attempt: the server grades it against the bank (the browser sends only the chosen
/// options), stores the answers and, on a first pass, credits the test's points. A second submit of the
/// same attempt (double click, retry) changes nothing and reports the first result.
/// </summary>
public sealed record SubmitTestAttemptCommand(Guid MemberId, long AttemptId, IReadOnlyDictionary<int, IReadOnlyCollection<int>> Answers)
    : ICommand<SubmitTestAttemptResult>;

public sealed record SubmitTestAttemptResult(Result Result, int Correct = 0, int Total = 0, bool Passed = false, bool AlreadySubmitted = false);

public sealed class SubmitTestAttemptHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<SubmitTestAttemptCommand, SubmitTestAttemptResult>
{
    public async ValueTask<SubmitTestAttemptResult> Handle(SubmitTestAttemptCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await TrainingAccess.IsActiveSellerAsync(db, command.MemberId, cancellationToken))
        {
            return new(Result.Fail(TrainingAccess.NotActive));
        }

        var attempt = await db.TestAttempts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == command.AttemptId && a.MemberId == command.MemberId, cancellationToken);
        if (attempt is null)
        {
            return new(Result.Fail("This attempt does not exist."));
        }

        if (attempt.SubmittedAt is not null)
        {
            return Earlier(attempt);
        }

        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == attempt.CourseId, cancellationToken);
        // Graded on the questions as the attempt showed them: added or changed since its start, they do not count.
        var bank = await db.Questions.AsNoTracking()
            .Where(q => q.CourseId == course.Id && q.RemovedAt == null && q.ChangedAt <= attempt.StartedAt)
            .ToListAsync(cancellationToken);
        var answers = bank.Select(q =>
        {
            var selected = command.Answers.TryGetValue(q.Id, out var chosen)
                ? chosen.Where(p => p >= 0 && p < q.Options.Length).Distinct().Order().ToArray()
                : [];
            return new TestAnswer { AttemptId = attempt.Id, QuestionId = q.Id, Selected = selected, Right = q.IsAnsweredBy(selected) };
        }).ToList();
        var correct = answers.Count(a => a.Right);
        var passed = course.Passes(correct, bank.Count);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The conditional UPDATE is the gate: of two parallel submits only one finds the attempt open,
        // and the points ride on it in the same statement.
        var grade = new LedgerGuard(
            "UPDATE test_attempts SET submitted_at = {0}, correct = {1}, total = {2}, passed = {3} WHERE id = {4} AND submitted_at IS NULL RETURNING id",
            [now, correct, bank.Count, passed, attempt.Id]);
        bool graded;
        if (passed && course.TestPoints > 0)
        {
            var posting = new PointsPosting(
                command.MemberId, course.TestPoints, PointsReason.TestPassed, "course", course.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TrainingAccess.TestKey(course.Id, command.MemberId));
            graded = (await PointsLedger.PostAsync(db, [posting], now, cancellationToken, guard: grade)).Guarded;
        }
        else
        {
            graded = await db.Database.ExecuteSqlRawAsync(grade.Sql, grade.Args, cancellationToken) == 1;
        }

        if (!graded)
        {
            await transaction.RollbackAsync(cancellationToken);
            var earlier = await db.TestAttempts.AsNoTracking().SingleAsync(a => a.Id == attempt.Id, cancellationToken);
            return Earlier(earlier);
        }

        db.TestAnswers.AddRange(answers);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(Result.Ok, correct, bank.Count, passed);
    }

    private static SubmitTestAttemptResult Earlier(TestAttempt attempt) =>
        new(Result.Ok, attempt.Correct ?? 0, attempt.Total ?? 0, attempt.Passed == true, AlreadySubmitted: true);
}
