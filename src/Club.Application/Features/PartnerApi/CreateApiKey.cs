using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.PartnerApi;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// A program manager gives a partner an API key. The key is in the result once and never again: only its
/// hash is kept. <paramref name="ExpiresAt"/> null: valid until revoked.
/// </summary>
public sealed record CreateApiKeyCommand(int PartnerId, string? Name, ApiScopes Scopes, DateTimeOffset? ExpiresAt, int RequestsPerMinute, Guid? StaffId)
    : ICommand<CreateApiKeyResult>;

public sealed record CreateApiKeyResult(IReadOnlyList<FieldFailure> Errors, string? Key = null, int? KeyId = null) : IFailable<CreateApiKeyResult>
{
    public bool Created => Key is not null;

    public static CreateApiKeyResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures);
}

public sealed class CreateApiKeyValidator : CommandValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Name).Must(n => n?.Trim().Length is > 0 and <= ApiKey.MaxNameLength)
            .WithKey("Name the key (up to {0} characters), e.g. the till or shop that uses it.", ApiKey.MaxNameLength);
        RuleFor(c => c.Scopes).Must(s => s != ApiScopes.None && (s & ~AllScopes) == 0)
            .WithKey("Choose at least one thing the key may do.");
        RuleFor(c => c.RequestsPerMinute).InclusiveBetween(1, ApiKey.MaxRequestsPerMinute)
            .WithKey("Requests per minute: a whole number from 1 to {0}.", ApiKey.MaxRequestsPerMinute);
    }

    private const ApiScopes AllScopes = ApiScopes.ReadTags | ApiScopes.RecordSales | ApiScopes.ReadMembers | ApiScopes.ReadReports | ApiScopes.RedeemCoupons;
}

public sealed class CreateApiKeyHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock) : ICommandHandler<CreateApiKeyCommand, CreateApiKeyResult>
{
    public async ValueTask<CreateApiKeyResult> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (command.ExpiresAt is { } expires && expires <= now)
        {
            return CreateApiKeyResult.Invalid([new FieldFailure(nameof(command.ExpiresAt), "The expiry date must be in the future.")]);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Partners.AnyAsync(p => p.Id == command.PartnerId && p.IsActive, cancellationToken))
        {
            return CreateApiKeyResult.Invalid([new FieldFailure(nameof(command.PartnerId), "Choose an active partner.")]);
        }

        var (key, prefix, hash) = ApiKeySecrets.NewKey();
        var row = new ApiKey
        {
            PartnerId = command.PartnerId, Name = command.Name!.Trim(), Prefix = prefix, KeyHash = hash, Scopes = command.Scopes,
            RequestsPerMinute = command.RequestsPerMinute, CreatedAt = now, CreatedBy = command.StaffId, ExpiresAt = command.ExpiresAt,
        };
        db.ApiKeys.Add(row);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditChange("api-key.create", "api-key", row.Id.ToString(CultureInfo.InvariantCulture), null,
            new { row.PartnerId, row.Name, row.Prefix, Scopes = row.Scopes.ToString(), row.ExpiresAt, row.RequestsPerMinute }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreateApiKeyResult([], key, row.Id);
    }
}
