using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Charity;

/// <summary>Campaigns with their progress (the campaign account's balance); <paramref name="OpenOnly"/> for members, all for staff.</summary>
public sealed record ListCharityCampaignsQuery(bool OpenOnly) : IQuery<IReadOnlyList<CharityCampaignRow>>;

/// <summary>One campaign and what it has collected (the campaign account's balance and its number of donations).</summary>
public sealed record CharityCampaignRow(
    int Id, string NameRu, string NameEn, string? DescriptionRu, string? DescriptionEn, int Goal, int Collected, int Donations,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Open)
{
    public string Name(string language) => language == "ru" ? NameRu : NameEn;

    public string? Description(string language) => language == "ru" ? DescriptionRu : DescriptionEn;

    /// <summary>Percent of the goal collected, 0-100 (a bar does not run past its end).</summary>
    public int Percent => Goal <= 0 ? 0 : (int)Math.Min(100, (long)Collected * 100 / Goal);
}

public sealed class ListCharityCampaignsHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<ListCharityCampaignsQuery, IReadOnlyList<CharityCampaignRow>>
{
    public async ValueTask<IReadOnlyList<CharityCampaignRow>> Handle(ListCharityCampaignsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await CharityCampaigns.RowsAsync(db, null, query.OpenOnly, clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>Reading campaigns with their progress, shared by the list, the campaign page and the report.</summary>
public static class CharityCampaigns
{
    public static async Task<IReadOnlyList<CharityCampaignRow>> RowsAsync(IClubDb db, int? id, bool openOnly, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var campaigns = db.CharityCampaigns.AsNoTracking()
            .Where(c => id == null || c.Id == id)
            .Where(c => !openOnly || (c.StartsAt <= now && now < c.EndsAt));
        var rows = await (
                from c in campaigns
                join b in db.PointsBalances on c.AccountId equals b.MemberId into balances
                from b in balances.DefaultIfEmpty()
                orderby c.EndsAt descending, c.Id descending
                select new
                {
                    c.Id, c.NameRu, c.NameEn, c.DescriptionRu, c.DescriptionEn, c.Goal, c.StartsAt, c.EndsAt,
                    Collected = b == null ? 0 : b.Balance,
                    Donations = db.PointsEntries.Count(e => e.MemberId == c.AccountId && e.Amount > 0),
                })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CharityCampaignRow(r.Id, r.NameRu, r.NameEn, r.DescriptionRu, r.DescriptionEn, r.Goal, r.Collected, r.Donations,
            r.StartsAt, r.EndsAt, r.StartsAt <= now && now < r.EndsAt)).ToList();
    }
}
