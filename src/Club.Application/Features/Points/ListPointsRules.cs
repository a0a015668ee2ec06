using Club.Application.Abstractions;
using Club.Application.Features.Sales;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>The points rules as a program manager edits them: the first-item bonus, every collection and every product.</summary>
public sealed record ListPointsRulesQuery : IQuery<PointsRules>;

public sealed record PointsRules(
    int FirstItemBonus, IReadOnlyList<CollectionPoints> Collections, IReadOnlyList<ProductPointsRow> Products, int? SellerSalePoints = null,
    int? BuyerBirthdayPoints = null, int? SellerBirthdayPoints = null, int DefaultSellerSalePoints = 0)
{
    /// <summary>Every category of an active product with its seller rule (null: none).</summary>
    public IReadOnlyList<CategoryPoints> Categories { get; init; } = [];
}

/// <summary>A collection's rules; Points (the buyer's) or SellerPoints is null when the collection has no such rule.</summary>
public sealed record CollectionPoints(string Collection, int? Points, int? SellerPoints = null);

/// <summary>A category's seller rule (buyers' points have no category rule); null: none.</summary>
public sealed record CategoryPoints(string Category, int? SellerPoints);

/// <summary>
/// A product's points: CataloguePoints from its catalogue entry (used when no rule applies), RulePoints
/// from its own rule if any, Effective is what a registration of it earns now; SellerRulePoints is its own
/// seller rule, SellerEffective what a sale of it pays the seller now (promotions aside).
/// </summary>
public sealed record ProductPointsRow(
    int ProductId, string Sku, string Name, string Collection, int CataloguePoints, int? RulePoints, int Effective,
    int? SellerRulePoints = null, int SellerEffective = 0);

public sealed class ListPointsRulesHandler(IClubDbFactory dbFactory, SalesRules sales) : IQueryHandler<ListPointsRulesQuery, PointsRules>
{
    public async ValueTask<PointsRules> Handle(ListPointsRulesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rules = await db.PointsRules.AsNoTracking().ToListAsync(cancellationToken);
        // Effective from the one rule every registration uses (the product_points view).
        var products = await (from p in db.Products.AsNoTracking()
                              join earned in db.ProductPoints on p.Id equals earned.ProductId
                              where p.IsActive
                              orderby p.Collection, p.Sku
                              select new { p.Id, p.Sku, p.Name, p.Collection, p.Category, p.Points, Effective = earned.Points }).ToListAsync(cancellationToken);
        var sellerEarns = await SellerSalePoints.ForProductsAsync(db, sales.DefaultPoints, cancellationToken);

        var byCollection = rules.Where(r => r.Kind == PointsRuleKind.Collection).ToDictionary(r => r.Collection!, r => r.Points);
        var byProduct = rules.Where(r => r.Kind == PointsRuleKind.Product).ToDictionary(r => r.ProductId!.Value, r => r.Points);
        var sellerByCollection = rules.Where(r => r.Kind == PointsRuleKind.SellerCollection).ToDictionary(r => r.Collection!, r => (int?)r.Points);
        var sellerByCategory = rules.Where(r => r.Kind == PointsRuleKind.SellerCategory).ToDictionary(r => r.Category!, r => (int?)r.Points);
        var sellerByProduct = rules.Where(r => r.Kind == PointsRuleKind.SellerProduct).ToDictionary(r => r.ProductId!.Value, r => (int?)r.Points);
        var collections = products.Select(p => p.Collection).Distinct()
            .Select(c => new CollectionPoints(c, byCollection.TryGetValue(c, out var points) ? points : null, sellerByCollection.GetValueOrDefault(c))).ToList();
        var categories = products.Select(p => p.Category).Distinct().Order(StringComparer.Ordinal)
            .Select(c => new CategoryPoints(c, sellerByCategory.GetValueOrDefault(c))).ToList();
        var bonus = rules.FirstOrDefault(r => r.Kind == PointsRuleKind.FirstItemBonus)?.Points ?? 0;

        var sellerSale = rules.FirstOrDefault(r => r.Kind == PointsRuleKind.SellerSale)?.Points;

        return new PointsRules(bonus, collections, products.Select(p =>
                new ProductPointsRow(p.Id, p.Sku, p.Name, p.Collection, p.Points, byProduct.TryGetValue(p.Id, out var own) ? own : null, p.Effective,
                    sellerByProduct.GetValueOrDefault(p.Id), sellerEarns.GetValueOrDefault(p.Id, sales.DefaultPoints)))
            .ToList(), sellerSale,
            rules.FirstOrDefault(r => r.Kind == PointsRuleKind.BuyerBirthday)?.Points,
            rules.FirstOrDefault(r => r.Kind == PointsRuleKind.SellerBirthday)?.Points, sales.DefaultPoints)
        {
            Categories = categories,
        };
    }
}
