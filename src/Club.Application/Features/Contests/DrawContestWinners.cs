using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// A program manager runs the draw of a contest whose entries have closed: the winners follow from the
/// seed fixed at creation and the published entries list (<see cref="ContestDraw"/>), are paid and mailed,
/// and the seed is published. A contest is drawn once.
/// </summary>
public sealed record DrawContestWinnersCommand(int ContestId) : ICommand<Result>;

public sealed class DrawContestWinnersHandler(IClubDbFactory dbFactory, IMailOutbox mail, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<DrawContestWinnersCommand, Result>
{
    public async ValueTask<Result> Handle(DrawContestWinnersCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.ContestId, cancellationToken);
        if (contest is null)
        {
            return Result.Fail("This contest does not exist.");
        }

        if (contest.Selection != ContestSelection.Draw || contest.Seed is null)
        {
            return Result.Fail("This contest's winners are picked by staff, not drawn.");
        }

        if (contest.EndsAt > now)
        {
            return Result.Fail("The draw runs once the entries have closed.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The contest's row is the gate: of two managers drawing at once, one draws and the other is told.
        var drawn = await db.Database.ExecuteSqlAsync(
            $"UPDATE contests SET drawn_at = {now} WHERE id = {contest.Id} AND drawn_at IS NULL", cancellationToken);
        if (drawn == 0)
        {
            return Result.Fail("This contest has already been drawn.");
        }

        var pool = await ContestEntries.PoolAsync(db, contest, cancellationToken);
        var winningEntries = ContestDraw.Pick(contest.Seed, pool.Select(e => e.EntryId), contest.WinnerCount);
        var members = winningEntries.Select(id => pool.Single(e => e.EntryId == id).MemberId).ToList();
        var winners = new ContestWinners.Contest(contest.Id, contest.Title, contest.WinnerPoints, contest.Prize);
        var won = await ContestWinners.MarkAndPayAsync(db, winners, members, now, cancellationToken);
        // The UPDATE above drew only an undrawn contest: that is the state before.
        await audit.RecordAsync(new AuditChange("contest.draw", "contest", contest.Id.ToString(CultureInfo.InvariantCulture), new { DrawnAt = (DateTimeOffset?)null },
            new { DrawnAt = now, contest.Seed, contest.SeedHash, Pool = pool.Count, Winners = winningEntries }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ContestWinners.MailAsync(mail, winners, won, cancellationToken);
        return Result.Ok;
    }
}
