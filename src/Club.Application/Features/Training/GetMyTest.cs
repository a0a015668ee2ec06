using Club.Application.Abstractions;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// The seller's view of a course's test: past attempts, whether (and when) a new one may start, and the
/// open attempt's questions and options in that attempt's shuffled order. Never the right answers.
/// </summary>
public sealed record GetMyTestQuery(Guid MemberId, int CourseId) : IQuery<MyTest?>;

public sealed record MyTest(
    int CourseId, string Title, int PassPercent, int MaxAttempts, int TestPoints, bool Passed,
    IReadOnlyList<PastAttempt> Attempts, TestOpenAttempt? Open, DateTimeOffset? NextAttemptAt)
{
    public int AttemptsLeft => Math.Max(0, MaxAttempts - Attempts.Count);

    public bool CanStart => !Passed && AttemptsLeft > 0 && NextAttemptAt is null && Open is null;
}

public sealed record PastAttempt(long Id, DateTimeOffset SubmittedAt, int Correct, int Total, bool Passed);

public sealed record TestOpenAttempt(long Id, IReadOnlyList<TestQuestion> Questions);

/// <summary>A question as shown: options as (position in the bank's order, text), in the attempt's order.</summary>
public sealed record TestQuestion(int Id, string Text, bool Multiple, IReadOnlyList<(int Position, string Text)> Options);

public sealed class GetMyTestHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<GetMyTestQuery, MyTest?>
{
    public async ValueTask<MyTest?> Handle(GetMyTestQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var course = await TrainingAccess.PublishedCourseAsync(db, query.CourseId, query.MemberId, cancellationToken);
        if (course is null)
        {
            return null;
        }

        var attempts = await db.TestAttempts.AsNoTracking()
            .Where(a => a.CourseId == course.Id && a.MemberId == query.MemberId)
            .OrderBy(a => a.StartedAt)
            .ToListAsync(cancellationToken);
        var past = attempts
            .Where(a => a.SubmittedAt is not null)
            .Select(a => new PastAttempt(a.Id, a.SubmittedAt!.Value, a.Correct ?? 0, a.Total ?? 0, a.Passed == true))
            .ToList();
        var passed = past.Any(a => a.Passed);
        DateTimeOffset? next = null;
        if (!passed && past.Count > 0 && past[^1].SubmittedAt.AddMinutes(course.CooldownMinutes) is var at && at > clock.GetUtcNow())
        {
            next = at;
        }

        TestOpenAttempt? open = null;
        // The questions are the brand's material too: shown to active sellers only, like the lessons.
        if (attempts.SingleOrDefault(a => a.SubmittedAt is null) is { } attempt && await TrainingAccess.IsActiveSellerAsync(db, query.MemberId, cancellationToken))
        {
            var bank = await db.Questions.AsNoTracking()
                .Where(q => q.CourseId == course.Id && q.RemovedAt == null && q.ChangedAt <= attempt.StartedAt)
                .ToListAsync(cancellationToken);
            open = new TestOpenAttempt(attempt.Id, Shown(bank, attempt.Seed));
        }

        return new MyTest(course.Id, course.Title, course.PassPercent, course.MaxAttempts, course.TestPoints, passed, past, open, next);
    }

    internal static List<TestQuestion> Shown(IEnumerable<Question> bank, int seed) =>
        TrainingAccess.Shuffle(bank, seed, q => q.Id)
            .Select(q => new TestQuestion(
                q.Id, q.Text, q.Multiple,
                TrainingAccess.Shuffle(q.Options.Select((text, position) => (Position: position, Text: text)), seed ^ q.Id, o => o.Position).ToList()))
            .ToList();
}
