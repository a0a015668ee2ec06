using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// Making entrants winners, for the manager's pick and the draw alike: each entry not yet won is marked
/// and its winner points are posted under the key <c>contest:{id}:{member}:win</c>, so a winner is paid once
/// however often this runs; then each new winner is mailed once.
/// </summary>
internal static class ContestWinners
{
    public sealed record Contest(int Id, string Title, int WinnerPoints, string? Prize);

    /// <summary>Inside the caller's transaction: marks the entries and pays; returns the members who became winners now.</summary>
    public static async Task<IReadOnlyList<Guid>> MarkAndPayAsync(IClubDb db, Contest contest, IReadOnlyList<Guid> members, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = members.ToArray();
        var won = await db.Database.SqlQuery<Guid>($"""
            UPDATE contest_entries SET won_at = {now}
            WHERE contest_id = {contest.Id} AND member_id = ANY({ids}) AND won_at IS NULL
            RETURNING member_id AS "Value"
            """).ToListAsync(cancellationToken);
        if (contest.WinnerPoints > 0 && won.Count > 0)
        {
            var id = EnterContestHandler.ContestId(contest.Id);
            await PointsLedger.PostAsync(db,
                won.Select(member => new PointsPosting(member, contest.WinnerPoints, PointsReason.ContestWon, EnterContestHandler.ContestReference, id, $"contest:{contest.Id}:{member}:win")).ToList(),
                now, cancellationToken);
        }

        return won;
    }

    /// <summary>After the commit: one mail per new winner, keyed so a retry sends nothing more.</summary>
    public static async Task MailAsync(IMailOutbox mail, Contest contest, IReadOnlyList<Guid> winners, CancellationToken cancellationToken)
    {
        foreach (var winner in winners)
        {
            await mail.EnqueueAsync($"contest-won:{contest.Id}:{winner}", new MemberMail(winner, "ContestWon", new Dictionary<string, string>
            {
                ["Contest"] = contest.Title,
                ["ContestId"] = contest.Id.ToString(CultureInfo.InvariantCulture),
                ["Points"] = contest.WinnerPoints.ToString(CultureInfo.InvariantCulture),
                ["Prize"] = contest.Prize ?? "—",
            }), cancellationToken);
        }
    }
}
