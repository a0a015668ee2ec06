using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>A member enters a running contest and earns its participation points once.</summary>
public sealed record EnterContestCommand(Guid MemberId, int ContestId) : ICommand<Result>;

public sealed class EnterContestHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<EnterContestCommand, Result>
{
    public async ValueTask<Result> Handle(EnterContestCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == command.ContestId)
            .Select(c => new { c.EntryPoints, Running = c.StartsAt <= now && c.EndsAt > now }).SingleOrDefaultAsync(cancellationToken);
        if (contest is not { Running: true })
        {
            return Result.Fail("This contest is not running.");
        }

        // The entry row is the gate: parallel clicks insert one entry, and only that one carries points.
        var gate = new LedgerGuard(
            """
            INSERT INTO contest_entries (contest_id, member_id, entered_at) VALUES ({0}, {1}, {2})
            ON CONFLICT (contest_id, member_id) DO NOTHING
            RETURNING id
            """,
            [command.ContestId, command.MemberId, now]);
        var postings = contest.EntryPoints > 0
            ? new[] { new PointsPosting(command.MemberId, contest.EntryPoints, PointsReason.ContestEntered, ContestReference, ContestId(command.ContestId), $"contest:{command.ContestId}:{command.MemberId}:entry") }
            : [];
        return await GuardedCredit.PostAsync(db, gate, postings, now, cancellationToken)
            ? Result.Ok
            : Result.Fail("You have already entered this contest.");
    }

    internal const string ContestReference = "contest";

    internal static string ContestId(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
