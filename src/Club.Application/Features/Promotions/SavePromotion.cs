using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Activities;
using Club.Domain.Points;
using Club.Domain.Products;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Promotions;

/// <summary>
/// A program manager creates a promotion: extra points or a multiplier on item registrations, or (ForSellers)
/// on the seller's points for sales recorded while it runs, optionally for one product (by its SKU).
/// </summary>
public sealed record CreatePromotionCommand(
    string CreatedBy, string? Title, string? PartnerName, string? Collection, string? Category,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int ExtraPoints, decimal Multiplier) : ICommand<Result>
{
    public bool ForSellers { get; init; }
    public string? ProductSku { get; init; }
}

/// <summary>Ends a promotion now (it keeps its history; registrations from now on earn no bonus).</summary>
public sealed record EndPromotionCommand(int PromotionId) : ICommand<Result>;

public sealed class CreatePromotionValidator : CommandValidator<CreatePromotionCommand>
{
    public CreatePromotionValidator()
    {
        RuleFor(c => c.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithKey("Enter a title.")
            .Must(t => t!.Trim().Length <= Promotion.MaxTitleLength).WithKey("The text is too long.");
        RuleFor(c => c.EndsAt).Must((c, ends) => ends > c.StartsAt).WithKey("The promotion must end after it starts.");
        RuleFor(c => c.ExtraPoints).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Multiplier).Must(m => m is >= 1m and <= Promotion.MaxMultiplier && decimal.Round(m, 2) == m)
            .WithKey("The multiplier is a number from {0} to {1} with at most two decimals.", 1, Promotion.MaxMultiplier);
        RuleFor(c => c).Must(c => c.ExtraPoints != 0 || c.Multiplier != 1m).WithKey("Give extra points or a multiplier above 1.");
    }
}

public sealed class SavePromotionHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<CreatePromotionCommand, Result>, ICommandHandler<EndPromotionCommand, Result>
{
    public async ValueTask<Result> Handle(CreatePromotionCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var collection = string.IsNullOrWhiteSpace(command.Collection) ? null : command.Collection.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        int? partnerId = null;
        if (!string.IsNullOrWhiteSpace(command.PartnerName))
        {
            partnerId = await db.Partners.Where(p => p.Name == command.PartnerName).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (partnerId is null)
            {
                return Result.Fail("Choose the partner.");
            }
        }

        if (collection is not null && !await db.CatalogueTerms.AnyAsync(t => t.List == CatalogueList.Collection && t.Code == collection, cancellationToken))
        {
            return Result.Fail("There is no such collection.");
        }

        var category = string.IsNullOrWhiteSpace(command.Category) ? null : command.Category.Trim();
        if (category is not null && !await db.CatalogueTerms.AnyAsync(t => t.List == CatalogueList.Category && t.Code == category, cancellationToken))
        {
            return Result.Fail("Choose a category.");
        }

        int? productId = null;
        if (!string.IsNullOrWhiteSpace(command.ProductSku))
        {
            // Registrations' promotions are by collection and category only (the tag_terms function).
            if (!command.ForSellers)
            {
                return Result.Fail("A single product can be chosen for seller promotions only.");
            }

            var sku = command.ProductSku.Trim();
            productId = await db.Products.Where(p => p.Sku == sku).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (productId is null)
            {
                return Result.Fail("There is no product with this SKU.");
            }
        }

        var promotion = new Promotion
        {
            ForSellers = command.ForSellers,
            ProductId = productId,
            Title = title,
            PartnerId = partnerId,
            Collection = collection,
            Category = category,
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            ExtraPoints = command.ExtraPoints,
            Multiplier = command.Multiplier,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = command.CreatedBy.Length <= 200 ? command.CreatedBy : command.CreatedBy[..200],
        };
        db.Promotions.Add(promotion);
        await db.SaveChangesAsync(cancellationToken);
        // The id exists only after the insert; the row follows in a second statement.
        await audit.RecordAsync(
            new AuditChange("promotion.create", "promotion", promotion.Id.ToString(CultureInfo.InvariantCulture), null,
                new { promotion.ForSellers, promotion.ProductId, promotion.Title, promotion.PartnerId, promotion.Collection, promotion.Category, promotion.StartsAt, promotion.EndsAt, promotion.ExtraPoints, promotion.Multiplier }),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    public async ValueTask<Result> Handle(EndPromotionCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The end as it was, locked so the log's "before" is the value this update replaces.
        var endsBefore = await db.Promotions.FromSql($"SELECT * FROM promotions WHERE id = {command.PromotionId} FOR UPDATE")
            .Select(p => (DateTimeOffset?)p.EndsAt).FirstOrDefaultAsync(cancellationToken);
        var ended = await db.Promotions.Where(p => p.Id == command.PromotionId && p.EndsAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.EndsAt, p => p.StartsAt > now ? p.StartsAt.AddSeconds(1) : now), cancellationToken);
        if (ended != 1)
        {
            return Result.Fail("This promotion has already ended.");
        }

        var endsAfter = await db.Promotions.Where(p => p.Id == command.PromotionId).Select(p => p.EndsAt).SingleAsync(cancellationToken);
        await audit.RecordAsync(
            new AuditChange("promotion.end", "promotion", command.PromotionId.ToString(CultureInfo.InvariantCulture),
                new { EndsAt = endsBefore }, new { EndsAt = endsAfter }),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
