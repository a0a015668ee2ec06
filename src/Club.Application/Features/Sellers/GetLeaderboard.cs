using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// A seller's leaderboard for one calendar month of the club's time zone (Month as typed, "yyyy-MM"; empty
/// or not a past or current month: this month): among the sellers of their own partner, or of all partners
/// (AllPartners). The partner is always the asking seller's own, never a parameter, so a seller cannot look
/// at another partner's board. A closed month's board is frozen (<see cref="LeaderboardBoards"/>).
/// </summary>
public sealed record GetLeaderboardQuery(Guid SellerId, string? Month, bool AllPartners) : IQuery<Leaderboard>;

/// <summary>
/// The top <see cref="GetLeaderboardHandler.Top"/> places, plus the asking seller's own row (IsMe) wherever
/// it is; Months are the months a seller can look back at, newest first, as "yyyy-MM". Final: a closed
/// month's frozen board; Prize: the points each of its first places got, once staff awarded them.
/// </summary>
public sealed record Leaderboard(
    string Month, IReadOnlyList<string> Months, bool AllPartners, string? PartnerName, IReadOnlyList<LeaderboardRow> Rows,
    bool Final = false, LeaderboardPrize? Prize = null);

/// <summary>A place (sellers with equal points and sales share it), the name as its seller chose to show it (null: hidden).</summary>
public sealed record LeaderboardRow(int Place, string? Name, int Sales, int Points, bool IsMe);

/// <summary>The prizes of a closed month's board: the first <see cref="Places"/> places got <see cref="Points"/> each.</summary>
public sealed record LeaderboardPrize(int Places, int Points, int ContestId);

public sealed class GetLeaderboardHandler(IClubDbFactory dbFactory, LeaderboardBoards boards)
    : IQueryHandler<GetLeaderboardQuery, Leaderboard>
{
    public const int Top = 20;

    public async ValueTask<Leaderboard> Handle(GetLeaderboardQuery query, CancellationToken cancellationToken)
    {
        var month = boards.Parse(query.Month) ?? boards.ThisMonth;

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var seller = await db.Members.AsNoTracking().Where(m => m.Id == query.SellerId)
            .Select(m => new { m.PartnerId, Partner = db.Partners.Where(p => p.Id == m.PartnerId).Select(p => p.Name).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No such seller.");
        var partnerId = query.AllPartners ? null : seller.PartnerId;
        var final = month < boards.ThisMonth;
        // Only a seller has a partner's board; anyone else asking for one gets an empty board, never all partners'.
        if (!query.AllPartners && partnerId is null)
        {
            return new Leaderboard(LeaderboardBoards.Key(month), boards.Months.Select(LeaderboardBoards.Key).ToList(), false, null, [], final);
        }

        var lines = await boards.LinesAsync(db, month, partnerId, Top, query.SellerId, cancellationToken);
        var prize = final ? await boards.PrizeAsync(db, month, partnerId, cancellationToken) : null;

        return new Leaderboard(
            LeaderboardBoards.Key(month), boards.Months.Select(LeaderboardBoards.Key).ToList(), query.AllPartners, seller.Partner,
            lines.Select(r => new LeaderboardRow(
                    r.Place, SellerNames.ShownToSellers(r.FullName, Enum.Parse<SellerNameDisplay>(r.Display)), r.Sales, r.Points, r.SellerId == query.SellerId))
                .ToList(),
            final, prize);
    }
}
