using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Partners;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// Creates a partner (<paramref name="Id"/> null) or edits one. <paramref name="Version"/> is the row version
/// the form showed: if someone saved the partner since, nothing is written and the form says so.
/// An inactive partner keeps its history but is no longer offered for shipping batches or seller sign-up.
/// <paramref name="SellersActivatedByPartner"/> lets the partner's own managers activate or reject its new sellers.
/// </summary>
public sealed record SavePartnerCommand(int? Id, uint? Version, string? Name, string? LegalName, string? Contact, bool IsActive, bool SellersActivatedByPartner = false)
    : ICommand<SavePartnerResult>;

public sealed record SavePartnerResult(IReadOnlyList<FieldFailure> Errors, int? PartnerId = null) : IFailable<SavePartnerResult>
{
    public bool Saved => Errors.Count == 0;

    public static SavePartnerResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures);

    public static SavePartnerResult Fail(string? field, UserMessage message) => new([new FieldFailure(field, message)]);
}

public sealed class SavePartnerValidator : AbstractValidator<SavePartnerCommand>
{
    public SavePartnerValidator()
    {
        RuleFor(c => c.Name).Must(n => n?.Trim().Length is > 0 and <= Partner.MaxNameLength)
            .WithKey("Enter the name (up to {0} characters).", Partner.MaxNameLength);
        RuleFor(c => c.LegalName).Must(n => n?.Trim().Length is > 0 and <= Partner.MaxNameLength)
            .WithKey("Enter the legal name (up to {0} characters).", Partner.MaxNameLength);
        RuleFor(c => c.Contact).Must(c => (c?.Trim().Length ?? 0) <= Partner.MaxContactLength)
            .WithKey("The contact is too long (up to {0} characters).", Partner.MaxContactLength);
    }
}

public sealed class SavePartnerHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<SavePartnerCommand, SavePartnerResult>
{
    private const string Concurrent = "Someone else saved this partner while you were editing it. Their changes are shown now; make yours again.";
    private const string NameTaken = "Another partner already has this name.";

    public async ValueTask<SavePartnerResult> Handle(SavePartnerCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name!.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        Partner partner;
        object? before = null;
        if (command.Id is { } id)
        {
            partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                ?? throw new NotFoundException("No such partner.");
            if (command.Version != partner.Version)
            {
                return SavePartnerResult.Fail(null, Concurrent);
            }

            before = Snapshot(partner);
        }
        else
        {
            partner = new Partner { Name = name };
            db.Partners.Add(partner);
        }

        if (await db.Partners.AnyAsync(p => p.Name == name && p.Id != partner.Id, cancellationToken))
        {
            return SavePartnerResult.Fail(nameof(command.Name), NameTaken);
        }

        partner.Name = name;
        partner.LegalName = command.LegalName!.Trim();
        partner.Contact = string.IsNullOrWhiteSpace(command.Contact) ? null : command.Contact.Trim();
        partner.IsActive = command.IsActive;
        partner.SellersActivatedByPartner = command.SellersActivatedByPartner;
        // A transaction, so a new partner's log row (which needs its id) commits with it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                new AuditChange(before is null ? "partner.create" : "partner.update", "partner", partner.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(partner)),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SavePartnerResult.Fail(null, Concurrent);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The unique index on the name: another manager took it between our check and our write.
            return SavePartnerResult.Fail(nameof(command.Name), NameTaken);
        }

        return new SavePartnerResult([], partner.Id);
    }

    private static object Snapshot(Partner p) => new { p.Name, p.LegalName, p.Contact, p.IsActive, p.SellersActivatedByPartner };
}
