using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>
/// Replaces the points rules with the edited table: a null for a collection or product removes its
/// rule. Applies to registrations from now on; points already credited stay as they are.
/// </summary>
public sealed record SavePointsRulesCommand(
    string EditedBy,
    int FirstItemBonus,
    IReadOnlyDictionary<string, int?> Collections,
    IReadOnlyDictionary<int, int?> Products,
    int? SellerSalePoints = null,
    int? BuyerBirthdayPoints = null,
    int? SellerBirthdayPoints = null) : ICommand<Result>
{
    /// <summary>The seller's points per sale of a product, collection or category; null removes the rule. Absent: left as they are.</summary>
    public SellerSaleRules? SellerRules { get; init; }
}

/// <summary>A seller's points per sale by product id, collection code and category code (see <see cref="Sales.SellerSalePoints"/>).</summary>
public sealed record SellerSaleRules(
    IReadOnlyDictionary<int, int?> Products, IReadOnlyDictionary<string, int?> Collections, IReadOnlyDictionary<string, int?> Categories);

public sealed class SavePointsRulesValidator : CommandValidator<SavePointsRulesCommand>
{
    public SavePointsRulesValidator()
    {
        RuleFor(c => c.FirstItemBonus).Points(PointsRule.MaxPoints);
        RuleFor(c => c).Must(c => c.Collections.Values.Concat(c.Products.Values)
                .Append(c.SellerSalePoints).Append(c.BuyerBirthdayPoints).Append(c.SellerBirthdayPoints)
                .Concat(c.SellerRules is { } seller ? seller.Products.Values.Concat(seller.Collections.Values).Concat(seller.Categories.Values) : [])
                .All(p => p is null or (>= 0 and <= PointsRule.MaxPoints)))
            .WithKey("Points must be whole numbers from {0} to {1:N0}.", 0, PointsRule.MaxPoints);
    }
}

public sealed class SavePointsRulesHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SavePointsRulesCommand, Result>
{
    public async ValueTask<Result> Handle(SavePointsRulesCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rules = await db.PointsRules.ToListAsync(cancellationToken);
        var collections = await db.Products.Select(p => p.Collection).Distinct().ToListAsync(cancellationToken);
        var categories = await db.Products.Select(p => p.Category).Distinct().ToListAsync(cancellationToken);
        var productIds = await db.Products.Select(p => p.Id).ToListAsync(cancellationToken);
        var changes = new List<RuleChange>();

        void Set(PointsRuleKind kind, int? productId, string? collection, int? points, string? category = null)
        {
            var rule = rules.SingleOrDefault(r => r.Kind == kind && r.ProductId == productId && r.Collection == collection && r.Category == category);
            if (points is null)
            {
                if (rule is not null)
                {
                    db.PointsRules.Remove(rule);
                    changes.Add(new RuleChange(kind, productId, collection, category, rule.Points, null));
                }

                return;
            }

            int? from = rule?.Points;
            if (rule is null)
            {
                rule = new PointsRule { Kind = kind, ProductId = productId, Collection = collection, Category = category };
                db.PointsRules.Add(rule);
            }
            else if (rule.Points == points)
            {
                return;
            }

            changes.Add(new RuleChange(kind, productId, collection, category, from, points));

            rule.Points = points.Value;
            rule.UpdatedAt = now;
            rule.UpdatedBy = command.EditedBy.Length <= 200 ? command.EditedBy : command.EditedBy[..200];
        }

        Set(PointsRuleKind.FirstItemBonus, null, null, command.FirstItemBonus);
        Set(PointsRuleKind.SellerSale, null, null, command.SellerSalePoints);
        Set(PointsRuleKind.BuyerBirthday, null, null, command.BuyerBirthdayPoints);
        Set(PointsRuleKind.SellerBirthday, null, null, command.SellerBirthdayPoints);
        foreach (var (collection, points) in command.Collections.Where(c => collections.Contains(c.Key)))
        {
            Set(PointsRuleKind.Collection, null, collection, points);
        }

        foreach (var (productId, points) in command.Products.Where(p => productIds.Contains(p.Key)))
        {
            Set(PointsRuleKind.Product, productId, null, points);
        }

        if (command.SellerRules is { } seller)
        {
            foreach (var (productId, points) in seller.Products.Where(p => productIds.Contains(p.Key)))
            {
                Set(PointsRuleKind.SellerProduct, productId, null, points);
            }

            foreach (var (collection, points) in seller.Collections.Where(c => collections.Contains(c.Key)))
            {
                Set(PointsRuleKind.SellerCollection, null, collection, points);
            }

            foreach (var (category, points) in seller.Categories.Where(c => categories.Contains(c.Key)))
            {
                Set(PointsRuleKind.SellerCategory, null, null, points, category);
            }
        }

        if (changes.Count > 0)
        {
            await audit.RecordAsync(
                new AuditChange("points.rules", "points-rules", "all",
                    changes.Select(c => new { c.Kind, c.ProductId, c.Collection, c.Category, Points = c.From }).ToList(),
                    changes.Select(c => new { c.Kind, c.ProductId, c.Collection, c.Category, Points = c.To }).ToList()),
                cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    private sealed record RuleChange(PointsRuleKind Kind, int? ProductId, string? Collection, string? Category, int? From, int? To);
}
