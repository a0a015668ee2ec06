using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>The gifts a member may order, cheapest first, filtered by price and collection.</summary>
public sealed record ListGiftsQuery(GiftViewer Viewer, int? MaxPoints = null, string? Collection = null, bool AffordableOnly = false)
    : IQuery<GiftList>;

public sealed record GiftList(int Balance, IReadOnlyList<string> Collections, IReadOnlyList<GiftCard> Gifts);

public sealed record GiftCard(int Id, string Title, string Collection, int Points, int Stock, int PhotoVersion, bool Affordable);

public sealed class ListGiftsHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<ListGiftsQuery, GiftList>
{
    public async ValueTask<GiftList> Handle(ListGiftsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var audience = await GiftVisibility.ResolveAsync(db, query.Viewer, clock.GetUtcNow(), cancellationToken);
        var balance = await GiftVisibility.BalanceAsync(db, query.Viewer.MemberId, cancellationToken);
        var visible = db.Gifts.AsNoTracking().VisibleTo(audience, clock.GetUtcNow());
        var collections = await visible.Select(g => g.Collection).Where(c => c != "").Distinct().OrderBy(c => c).ToListAsync(cancellationToken);

        var max = query.AffordableOnly ? Math.Min(balance, query.MaxPoints ?? int.MaxValue) : query.MaxPoints;
        if (max is { } limit)
        {
            visible = visible.Where(g => g.Points <= limit);
        }

        if (!string.IsNullOrWhiteSpace(query.Collection))
        {
            visible = visible.Where(g => g.Collection == query.Collection);
        }

        var gifts = await visible.OrderBy(g => g.Points).ThenBy(g => g.Title).Take(500)
            .Select(g => new GiftCard(g.Id, g.Title, g.Collection, g.Points, g.Stock, g.PhotoVersion, g.Points <= balance))
            .ToListAsync(cancellationToken);
        return new GiftList(balance, collections, gifts);
    }
}
