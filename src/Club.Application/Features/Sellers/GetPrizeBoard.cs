using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// A closed month's frozen board for staff deciding its prizes: a partner's sellers or all partners (null),
/// with the sellers' full names. Month as typed ("yyyy-MM"); anything else, or a month not yet over, means
/// last month. An unknown partner gets the all-partners board.
/// </summary>
public sealed record GetPrizeBoardQuery(string? Month, int? PartnerId) : IQuery<PrizeBoard>;

/// <summary>Months: the closed months staff can choose, newest first; Prize: set once the prizes were awarded.</summary>
public sealed record PrizeBoard(string Month, IReadOnlyList<string> Months, int? PartnerId, IReadOnlyList<PrizeBoardRow> Rows, LeaderboardPrize? Prize);

public sealed record PrizeBoardRow(int Place, string FullName, int Sales, int Points);

public sealed class GetPrizeBoardHandler(IClubDbFactory dbFactory, LeaderboardBoards boards) : IQueryHandler<GetPrizeBoardQuery, PrizeBoard>
{
    /// <summary>Lines shown: more than any prize can go to (a prize reaches at most 100 places).</summary>
    public const int Shown = 100;

    public async ValueTask<PrizeBoard> Handle(GetPrizeBoardQuery query, CancellationToken cancellationToken)
    {
        var closed = boards.Months.Skip(1).ToList();
        var month = boards.Parse(query.Month) is { } asked && closed.Contains(asked) ? asked : closed[0];

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        int? partnerId = query.PartnerId is { } id && await db.Partners.AnyAsync(p => p.Id == id, cancellationToken) ? id : null;
        var lines = await boards.LinesAsync(db, month, partnerId, Shown, null, cancellationToken);
        var prize = await boards.PrizeAsync(db, month, partnerId, cancellationToken);
        return new PrizeBoard(
            LeaderboardBoards.Key(month), closed.Select(LeaderboardBoards.Key).ToList(), partnerId,
            lines.Select(l => new PrizeBoardRow(l.Place, l.FullName, l.Sales, l.Points)).ToList(), prize);
    }
}
