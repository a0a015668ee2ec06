using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>A program manager revokes a key: it is refused from the next request on (this node at once, others within the cache's seconds).</summary>
public sealed record RevokeApiKeyCommand(int KeyId) : ICommand<Result>;

public sealed class RevokeApiKeyHandler(IClubDbFactory dbFactory, IAuditTrail audit, ApiKeyAuthenticator authenticator, TimeProvider clock)
    : ICommandHandler<RevokeApiKeyCommand, Result>
{
    public async ValueTask<Result> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revoked = await db.Database.ExecuteSqlAsync(
            $"UPDATE api_keys SET revoked_at = {now} WHERE id = {command.KeyId} AND revoked_at IS NULL", cancellationToken);
        if (revoked == 0)
        {
            return await db.ApiKeys.AnyAsync(k => k.Id == command.KeyId, cancellationToken)
                ? Result.Fail("This key was already revoked.")
                : throw new NotFoundException("No such key.");
        }

        await audit.RecordAsync(new AuditChange("api-key.revoke", "api-key", command.KeyId.ToString(CultureInfo.InvariantCulture),
            new { RevokedAt = (DateTimeOffset?)null }, new { RevokedAt = now }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        authenticator.Forget(command.KeyId);
        return Result.Ok;
    }
}
