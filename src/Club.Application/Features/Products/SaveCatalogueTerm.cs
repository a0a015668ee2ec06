using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Products;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Products;

/// <summary>
/// Adds an entry to a reference list (<paramref name="IsNew"/>) or renames / (de)activates one. The code
/// is fixed once the entry exists: products and promotions refer to it.
/// </summary>
public sealed record SaveCatalogueTermCommand(CatalogueList List, string? Code, string? NameRu, string? NameEn, bool IsActive, bool IsNew)
    : ICommand<Result>;

public sealed class SaveCatalogueTermValidator : CommandValidator<SaveCatalogueTermCommand>
{
    public SaveCatalogueTermValidator()
    {
        RuleFor(c => c.List).IsInEnum().WithKey("Choose a list.");
        RuleFor(c => c.Code).Must(c => c?.Trim().Length is > 0 and <= CatalogueTerm.MaxCodeLength)
            .WithKey("Enter the code (up to {0} characters).", CatalogueTerm.MaxCodeLength);
        RuleFor(c => c.NameRu).Must(n => n?.Trim().Length is > 0 and <= CatalogueTerm.MaxNameLength)
            .WithKey("Enter the name (up to {0} characters).", CatalogueTerm.MaxNameLength);
        RuleFor(c => c.NameEn).Must(n => (n?.Trim().Length ?? 0) <= CatalogueTerm.MaxNameLength)
            .WithKey("Enter the name (up to {0} characters).", CatalogueTerm.MaxNameLength);
    }
}

public sealed class SaveCatalogueTermHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<SaveCatalogueTermCommand, Result>
{
    public async ValueTask<Result> Handle(SaveCatalogueTermCommand command, CancellationToken cancellationToken)
    {
        var code = command.Code!.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var term = await db.CatalogueTerms.SingleOrDefaultAsync(t => t.List == command.List && t.Code == code, cancellationToken);
        if (command.IsNew)
        {
            if (term is not null)
            {
                return Result.Fail("This list already has an entry with this code.", nameof(command.Code));
            }

            term = new CatalogueTerm { List = command.List, Code = code, NameRu = "", NameEn = "" };
            db.CatalogueTerms.Add(term);
        }
        else if (term is null)
        {
            return Result.Fail("No such entry.", nameof(command.Code));
        }

        var before = command.IsNew ? null : new { term.NameRu, term.NameEn, term.IsActive };
        term.NameRu = command.NameRu!.Trim();
        term.NameEn = command.NameEn?.Trim() ?? "";
        term.IsActive = command.IsActive;
        await audit.RecordAsync(
            new AuditChange(command.IsNew ? "catalogue-term.create" : "catalogue-term.update", "catalogue-term", $"{term.List}/{term.Code}",
                before, new { term.NameRu, term.NameEn, term.IsActive }),
            cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two managers adding the same code at once: the unique index lets one in.
            return Result.Fail("This list already has an entry with this code.", nameof(command.Code));
        }

        return Result.Ok;
    }
}
