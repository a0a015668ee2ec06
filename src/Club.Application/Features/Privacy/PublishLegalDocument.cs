using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Privacy;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// A program manager publishes a new version of the club rules or the privacy policy (both languages).
/// Earlier versions stay as they were; every member is asked to accept the new one at their next visit.
/// </summary>
public sealed record PublishLegalDocumentCommand(string? Kind, string? BodyRu, string? BodyEn, Guid StaffId) : ICommand<PublishLegalDocumentResult>;

/// <summary>The published version, or why nothing was published.</summary>
public sealed record PublishLegalDocumentResult(UserMessage? Error, int Version = 0) : IFailable<PublishLegalDocumentResult>
{
    public bool Succeeded => Error is null;

    public static PublishLegalDocumentResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures[0].Message);
}

public sealed class PublishLegalDocumentValidator : CommandValidator<PublishLegalDocumentCommand>
{
    public PublishLegalDocumentValidator()
    {
        RuleFor(c => c.Kind).Must(k => k is not null && LegalDocumentKinds.All.Contains(k)).WithKey("No such document.");
        RuleFor(c => c.BodyRu).Must(b => !string.IsNullOrWhiteSpace(b)).WithKey("Enter the text in Russian.")
            .Must(b => b!.Length <= LegalDocument.MaxBodyLength).WithKey("The text is too long ({0} characters at most).", LegalDocument.MaxBodyLength);
        RuleFor(c => c.BodyEn).Must(b => !string.IsNullOrWhiteSpace(b)).WithKey("Enter the text in English.")
            .Must(b => b!.Length <= LegalDocument.MaxBodyLength).WithKey("The text is too long ({0} characters at most).", LegalDocument.MaxBodyLength);
    }
}

public sealed class PublishLegalDocumentHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<PublishLegalDocumentCommand, PublishLegalDocumentResult>
{
    public async ValueTask<PublishLegalDocumentResult> Handle(PublishLegalDocumentCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two managers publishing at once take turns: the second gets the next number, never the same one.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('legal_documents'), hashtext({command.Kind}))", cancellationToken);
        var version = 1 + (await db.LegalDocuments.Where(d => d.Kind == command.Kind).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0);
        db.LegalDocuments.Add(new LegalDocument
        {
            Kind = command.Kind!,
            Version = version,
            BodyRu = NormalizeLines(command.BodyRu!),
            BodyEn = NormalizeLines(command.BodyEn!),
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = command.StaffId,
        });
        await audit.RecordAsync(new AuditChange("legal-document.published", command.Kind!, version.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { Version = version }), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PublishLegalDocumentResult(null, version);
    }

    /// <summary>Browsers post CRLF; the stored text uses LF so paragraphs split the same way everywhere.</summary>
    private static string NormalizeLines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
