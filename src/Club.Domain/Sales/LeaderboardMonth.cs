namespace Club.Domain.Sales;

/// <summary>
/// A closed month's leaderboard, frozen: the standings as they were when it was first read (or its prizes
/// awarded) after the month ended. Later returns or reviews of that month's sales do not change it. One row
/// per month and board: a partner's sellers (PartnerId) or all partners (null).
/// </summary>
public sealed class LeaderboardMonth
{
    public int Id { get; set; }

    /// <summary>The first day of the month, in the club's time zone.</summary>
    public DateOnly Month { get; set; }

    public int? PartnerId { get; set; }
    public DateTimeOffset FrozenAt { get; set; }

    /// <summary>The contest its prizes were paid as (winners = the top places); null until prizes are awarded, set once.</summary>
    public int? PrizeContestId { get; set; }
}

/// <summary>One seller's line of a frozen board.</summary>
public sealed class LeaderboardStanding
{
    public int BoardId { get; set; }
    public Guid SellerId { get; set; }

    /// <summary>Sellers with equal points and sales share a place (1, 1, 3).</summary>
    public int Place { get; set; }

    public int Sales { get; set; }
    public int Points { get; set; }
}
