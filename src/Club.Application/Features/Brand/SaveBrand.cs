using System.Net.Mail;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Brand;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Brand;

/// <summary>The brand's name (page header, labels) and the contacts buyers see on the scan page.</summary>
public sealed record SaveBrandCommand(string? Name, string? SupportEmail, string? SupportPhone) : ICommand<Result>;

public sealed class SaveBrandValidator : AbstractValidator<SaveBrandCommand>
{
    public SaveBrandValidator()
    {
        RuleFor(c => c.Name).Must(n => n?.Trim().Length is > 0 and <= BrandSettings.MaxNameLength)
            .WithKey("Enter the name (up to {0} characters).", BrandSettings.MaxNameLength);
        RuleFor(c => c.SupportEmail).Must(e => e?.Trim().Length is > 0 and <= BrandSettings.MaxEmailLength && MailAddress.TryCreate(e.Trim(), out _))
            .WithKey("Enter a valid email address.");
        RuleFor(c => c.SupportPhone).Must(p => p is null || p.Trim().Length <= BrandSettings.MaxPhoneLength && p.Trim().All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')'))
            .WithKey("Enter a phone number with its area code, e.g. +7 916 123-45-67.");
    }
}

public sealed class SaveBrandHandler(IClubDbFactory dbFactory, IAuditTrail audit, BrandSnapshot snapshot) : ICommandHandler<SaveBrandCommand, Result>
{
    public async ValueTask<Result> Handle(SaveBrandCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var brand = await db.Brand.SingleOrDefaultAsync(b => b.Id == BrandSettings.SingletonId, cancellationToken);
        var before = brand is null ? null : new { brand.Name, brand.SupportEmail, brand.SupportPhone };
        if (brand is null)
        {
            // A fresh installation without demo data: the first save creates the row.
            brand = new BrandSettings { Name = "", ClubUrl = "", SupportEmail = "" };
            db.Brand.Add(brand);
        }

        brand.Name = command.Name!.Trim();
        brand.SupportEmail = command.SupportEmail!.Trim();
        brand.SupportPhone = string.IsNullOrWhiteSpace(command.SupportPhone) ? null : command.SupportPhone.Trim();
        await audit.RecordAsync(
            new AuditChange("brand.update", "brand", "1", before, new { brand.Name, brand.SupportEmail, brand.SupportPhone }), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        snapshot.Forget();
        return Result.Ok;
    }
}
