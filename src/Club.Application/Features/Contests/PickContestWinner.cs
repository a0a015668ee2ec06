using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// The manager marks an entrant as a winner of a contest whose winners staff pick; the winner points are
/// paid once and the winner is mailed. A drawn contest's winners come only from its draw.
/// </summary>
public sealed record PickContestWinnerCommand(int ContestId, Guid MemberId) : ICommand<Result>;

public sealed class PickContestWinnerHandler(IClubDbFactory dbFactory, IMailOutbox mail, TimeProvider clock, IAuditTrail audit) : ICommandHandler<PickContestWinnerCommand, Result>
{
    public async ValueTask<Result> Handle(PickContestWinnerCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var contest = await db.Contests.Where(c => c.Id == command.ContestId)
            .Select(c => new { Winners = new ContestWinners.Contest(c.Id, c.Title, c.WinnerPoints, c.Prize), c.Selection })
            .SingleOrDefaultAsync(cancellationToken);
        if (contest is null)
        {
            return Result.Fail("This contest does not exist.");
        }

        if (contest.Selection == ContestSelection.Draw)
        {
            return Result.Fail("This contest's winners are drawn, not picked.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only an entry not yet won moves: a double click or two managers pay the winner once.
        var won = await ContestWinners.MarkAndPayAsync(db, contest.Winners, [command.MemberId], now, cancellationToken);
        if (won.Count == 0)
        {
            return Result.Fail("This member did not enter the contest or has already won it.");
        }

        await audit.RecordAsync(
            new AuditChange("contest.winner", "contest", command.ContestId.ToString(CultureInfo.InvariantCulture), new { WonAt = (DateTimeOffset?)null },
                new { WonAt = now, Points = contest.Winners.WinnerPoints }, command.MemberId),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ContestWinners.MailAsync(mail, contest.Winners, won, cancellationToken);
        return Result.Ok;
    }
}
