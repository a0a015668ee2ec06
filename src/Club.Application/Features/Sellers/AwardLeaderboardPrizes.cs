using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Contests;
using Club.Application.Validation;
using Club.Domain.Activities;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// Staff pay the first <paramref name="Places"/> places of a closed month's board (a partner's, or all
/// partners' when <paramref name="PartnerId"/> is null) <paramref name="Points"/> each, as the winnings of a
/// sales contest made for it: the frozen standings become its entries, the winners are those placed
/// 1 to <paramref name="Places"/> (a tie at the last place wins too), paid through the ledger and mailed.
/// A board's prizes are awarded once: a second award, however close, pays nothing.
/// </summary>
public sealed record AwardLeaderboardPrizesCommand(string AwardedBy, string? Month, int? PartnerId, int Places, int Points) : ICommand<Result>;

public sealed class AwardLeaderboardPrizesValidator : CommandValidator<AwardLeaderboardPrizesCommand>
{
    public AwardLeaderboardPrizesValidator()
    {
        RuleFor(c => c.Places).InclusiveBetween(1, Contest.MaxWinners).WithKey("Choose from {0} to {1} places.", 1, Contest.MaxWinners);
        RuleFor(c => c.Points).InclusiveBetween(1, PointsRule.MaxPoints).WithKey("Points must be whole numbers from {0} to {1:N0}.", 1, PointsRule.MaxPoints);
    }
}

public sealed class AwardLeaderboardPrizesHandler(IClubDbFactory dbFactory, LeaderboardBoards boards, IMailOutbox mail, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<AwardLeaderboardPrizesCommand, Result>
{
    public const string AlreadyAwarded = "This board's prizes have already been awarded.";

    public async ValueTask<Result> Handle(AwardLeaderboardPrizesCommand command, CancellationToken cancellationToken)
    {
        if (boards.Parse(command.Month) is not { } month || month >= boards.ThisMonth)
        {
            return Result.Fail("Choose a month that has ended.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partnerName = command.PartnerId is { } partnerId
            ? await db.Partners.Where(p => p.Id == partnerId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (command.PartnerId is not null && partnerName is null)
        {
            return Result.Fail("No such partner.");
        }

        var board = await boards.FrozenAsync(db, month, command.PartnerId, cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The board's row is the gate: of two awards at once the second waits here, then finds it awarded.
        var awarded = await db.Database.SqlQuery<int?>(
            $"""SELECT prize_contest_id AS "Value" FROM leaderboard_months WHERE id = {board} FOR UPDATE""").SingleAsync(cancellationToken);
        if (awarded is not null)
        {
            return Result.Fail(AlreadyAwarded);
        }

        var winners = await db.LeaderboardStandings.Where(s => s.BoardId == board && s.Place <= command.Places)
            .OrderBy(s => s.Place).Select(s => s.SellerId).ToListAsync(cancellationToken);
        if (winners.Count == 0)
        {
            return Result.Fail("Nobody is on this board: no sale was confirmed in that month.");
        }

        var (from, to) = boards.Bounds(month);
        var title = $"Лучшие продавцы, {month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("ru-RU"))}" + (partnerName is null ? "" : $" — {partnerName}");
        var contest = new Contest
        {
            Title = title.Length <= Contest.MaxTitleLength ? title : title[..Contest.MaxTitleLength],
            StartsAt = from,
            EndsAt = to,
            WinnerPoints = command.Points,
            WinnerCount = command.Places,
            CreatedAt = now,
            CreatedBy = command.AwardedBy.Length <= 200 ? command.AwardedBy : command.AwardedBy[..200],
            EntryKind = ContestEntryKind.Sales,
            Selection = ContestSelection.Staff,
            PartnerId = command.PartnerId,
        };
        db.Contests.Add(contest);
        await db.SaveChangesAsync(cancellationToken);
        var sellers = winners.ToArray();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO contest_entries (contest_id, member_id, entered_at) SELECT {contest.Id}, s, {now} FROM unnest({sellers}) AS s", cancellationToken);
        var prize = new ContestWinners.Contest(contest.Id, contest.Title, contest.WinnerPoints, null);
        var won = await ContestWinners.MarkAndPayAsync(db, prize, winners, now, cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE leaderboard_months SET prize_contest_id = {contest.Id} WHERE id = {board}", cancellationToken);
        await audit.RecordAsync(new AuditChange("leaderboard.prizes", "leaderboard", $"{LeaderboardBoards.Key(month)}:{command.PartnerId?.ToString(CultureInfo.InvariantCulture) ?? "all"}",
            null, new { Contest = contest.Id, command.Places, command.Points, Winners = won }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ContestWinners.MailAsync(mail, prize, won, cancellationToken);
        return Result.Ok;
    }
}
