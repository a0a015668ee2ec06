using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>The manager marks an entrant as a winner; the winner points are paid once.</summary>
public sealed record PickContestWinnerCommand(int ContestId, Guid MemberId) : ICommand<Result>;

public sealed class PickContestWinnerHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<PickContestWinnerCommand, Result>
{
    public async ValueTask<Result> Handle(PickContestWinnerCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var points = await db.Contests.Where(c => c.Id == command.ContestId).Select(c => (int?)c.WinnerPoints).SingleOrDefaultAsync(cancellationToken);
        if (points is null)
        {
            return Result.Fail("This contest does not exist.");
        }

        var now = clock.GetUtcNow();

        // Only an entry not yet won moves: a double click or two managers pay the winner once.
        var gate = new LedgerGuard(
            "UPDATE contest_entries SET won_at = {0} WHERE contest_id = {1} AND member_id = {2} AND won_at IS NULL RETURNING id",
            [now, command.ContestId, command.MemberId]);
        var postings = points > 0
            ? new[] { new PointsPosting(command.MemberId, points.Value, PointsReason.ContestWon, EnterContestHandler.ContestReference, EnterContestHandler.ContestId(command.ContestId), $"contest:{command.ContestId}:{command.MemberId}:win") }
            : [];
        if (!await GuardedCredit.PostAsync(db, gate, postings, now, cancellationToken))
        {
            return Result.Fail("This member did not enter the contest or has already won it.");
        }

        // After the guarded credit's own transaction: only a win that happened is logged.
        await audit.RecordAsync(
            new AuditChange("contest.winner", "contest", command.ContestId.ToString(CultureInfo.InvariantCulture), null, new { Points = points }, command.MemberId),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
