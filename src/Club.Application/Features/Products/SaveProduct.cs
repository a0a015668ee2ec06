using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Products;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Products;

/// <summary>
/// Creates a product (<paramref name="Id"/> null) or edits one. <paramref name="Version"/> is the row
/// version the editor showed: if someone saved the product since, nothing is written and the editor says so.
/// The reference fields carry entry codes of their lists (<see cref="CatalogueTerm"/>).
/// </summary>
public sealed record SaveProductCommand(
    int? Id, uint? Version, string? Sku, string? Name, string? NameEn, string? Collection, string? Category,
    string? Metal, string? Stone, string? Description, decimal? RecommendedPrice, bool IsActive) : ICommand<SaveProductResult>;

/// <summary>Field is the command's property the failure belongs to (the form shows it next to that field).</summary>
public sealed record SaveProductResult(IReadOnlyList<FieldFailure> Errors, int? ProductId = null) : IFailable<SaveProductResult>
{
    public bool Saved => Errors.Count == 0;

    public static SaveProductResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures);

    public static SaveProductResult Fail(string? field, UserMessage message) => new([new FieldFailure(field, message)]);
}

public sealed class SaveProductValidator : AbstractValidator<SaveProductCommand>
{
    public SaveProductValidator()
    {
        // Every field is checked (not only the first failure) so the form marks all of them at once.
        RuleFor(c => c.Sku).Cascade(CascadeMode.Stop)
            .Must(s => s?.Trim().Length is > 0 and <= Product.MaxSkuLength).WithKey("Enter the SKU (up to {0} characters).", Product.MaxSkuLength)
            .Must(s => ProductSku.IsWellFormed(s!.Trim())).WithKey("The SKU may contain Latin letters, digits, dots, hyphens and underscores.");
        RuleFor(c => c.Name).Must(n => n?.Trim().Length is > 0 and <= Product.MaxNameLength)
            .WithKey("Enter the name (up to {0} characters).", Product.MaxNameLength);
        RuleFor(c => c.NameEn).Must(n => (n?.Trim().Length ?? 0) <= Product.MaxNameLength)
            .WithKey("Enter the name (up to {0} characters).", Product.MaxNameLength);
        RuleFor(c => c.Collection).NotEmpty().WithKey("Choose the collection.");
        RuleFor(c => c.Category).NotEmpty().WithKey("Choose the category.");
        RuleFor(c => c.Metal).NotEmpty().WithKey("Choose the metal.");
        RuleFor(c => c.Description).Must(d => (d?.Trim().Length ?? 0) <= Product.MaxDescriptionLength)
            .WithKey("The description is too long (up to {0} characters).", Product.MaxDescriptionLength);
        RuleFor(c => c.RecommendedPrice).Must(p => p is null || (p >= 0 && p <= Product.MaxPrice && decimal.Round(p.Value, 2) == p))
            .WithKey("The price is a number of roubles from 0 to {0:N0}, with at most two decimals.", Product.MaxPrice);
    }
}

/// <summary>What a SKU may look like: short, printable on a label, safe in a URL and a file name.</summary>
public static class ProductSku
{
    public static bool IsWellFormed(string sku) =>
        sku.Length is > 0 and <= Product.MaxSkuLength && sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

public sealed class SaveProductHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<SaveProductCommand, SaveProductResult>
{
    public async ValueTask<SaveProductResult> Handle(SaveProductCommand command, CancellationToken cancellationToken)
    {
        var sku = command.Sku!.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var failures = await UnknownTermsAsync(db, command, cancellationToken);
        if (failures.Count > 0)
        {
            return new SaveProductResult(failures);
        }

        Product product;
        object? before = null;
        if (command.Id is { } id)
        {
            product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                ?? throw new NotFoundException("No such product.");
            if (command.Version != product.Version)
            {
                return SaveProductResult.Fail(null, "Someone else saved this product while you were editing it. Their changes are shown now; make yours again.");
            }

            before = Snapshot(product);
            if (sku != product.Sku && await db.TagBatches.AnyAsync(b => b.ProductId == id, cancellationToken))
            {
                return SaveProductResult.Fail(nameof(command.Sku), "The SKU cannot change: tags have been printed with it.");
            }
        }
        else
        {
            product = new Product { Sku = sku, Name = "", Collection = "", Category = "", Metal = "", PhotoUrl = Product.DrawingUrl(sku) };
            db.Products.Add(product);
        }

        if (await db.Products.AnyAsync(p => p.Sku == sku && p.Id != product.Id, cancellationToken))
        {
            return SaveProductResult.Fail(nameof(command.Sku), "Another product already has this SKU.");
        }

        if (product.PhotoUrl == Product.DrawingUrl(product.Sku) || product.PhotoUrl is null)
        {
            product.PhotoUrl = Product.DrawingUrl(sku);
        }

        product.Sku = sku;
        product.Name = command.Name!.Trim();
        product.NameEn = Optional(command.NameEn);
        product.Collection = command.Collection!;
        product.Category = command.Category!;
        product.Metal = command.Metal!;
        product.Stone = Optional(command.Stone);
        product.Description = Optional(command.Description);
        product.RecommendedPrice = command.RecommendedPrice;
        product.IsActive = command.IsActive;
        // A transaction, so a new product's log row (which needs its id) commits with it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                new AuditChange(before is null ? "product.create" : "product.update", "product", product.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(product)),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveProductResult.Fail(null, "Someone else saved this product while you were editing it. Their changes are shown now; make yours again.");
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The unique index on SKU: another admin took the same SKU (new or edited) between our check and our write.
            return SaveProductResult.Fail(nameof(command.Sku), "Another product already has this SKU.");
        }

        return new SaveProductResult([], product.Id);
    }

    /// <summary>A product's audited fields (its edit and the catalogue import log the same).</summary>
    internal static object Snapshot(Product p) =>
        new { p.Sku, p.Name, p.NameEn, p.Collection, p.Category, p.Metal, p.Stone, p.Description, p.RecommendedPrice, p.IsActive };

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Each reference field must name an entry of its list (an inactive one only if the product already has it).</summary>
    private static async Task<List<FieldFailure>> UnknownTermsAsync(IClubDb db, SaveProductCommand command, CancellationToken cancellationToken)
    {
        var current = command.Id is { } id
            ? await db.Products.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Collection, p.Category, p.Metal, p.Stone }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var wanted = new (CatalogueList List, string? Code, string? Current, string Field, string Message)[]
        {
            (CatalogueList.Collection, command.Collection, current?.Collection, nameof(command.Collection), "Choose the collection."),
            (CatalogueList.Category, command.Category, current?.Category, nameof(command.Category), "Choose the category."),
            (CatalogueList.Metal, command.Metal, current?.Metal, nameof(command.Metal), "Choose the metal."),
            (CatalogueList.Stone, Optional(command.Stone), current?.Stone, nameof(command.Stone), "Choose the stone."),
        };
        var codes = wanted.Where(w => w.Code is not null).Select(w => w.Code!).ToList();
        var terms = await db.CatalogueTerms.AsNoTracking().Where(t => codes.Contains(t.Code)).ToListAsync(cancellationToken);
        return [.. wanted
            .Where(w => w.Code is not null && !terms.Any(t => t.List == w.List && t.Code == w.Code && (t.IsActive || t.Code == w.Current)))
            .Select(w => new FieldFailure(w.Field, w.Message))];
    }
}
