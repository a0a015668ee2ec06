using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// The retention of the partner API's idempotency records (daily job ApiIdempotencyRetention): records
/// older than <see cref="PartnerApiSettings.IdempotencyRetentionDays"/> are deleted, so a retry with such an
/// old key is a new request. Returns how many were deleted.
/// </summary>
public sealed record ForgetOldIdempotencyKeysCommand : ICommand<int>;

public sealed class ForgetOldIdempotencyKeysHandler(IClubDbFactory dbFactory, PartnerApiSettings settings, TimeProvider clock)
    : ICommandHandler<ForgetOldIdempotencyKeysCommand, int>
{
    /// <summary>Rows per statement: a first run over months of sales is many short transactions, not one long lock.</summary>
    private const int BatchSize = 10_000;

    public async ValueTask<int> Handle(ForgetOldIdempotencyKeysCommand command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-Math.Max(1, settings.IdempotencyRetentionDays));
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            // Set-based, one batch per statement, found through the index on created_at.
            var deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM api_idempotency
                WHERE (partner_id, key) IN (SELECT partner_id, key FROM api_idempotency WHERE created_at < {cutoff} LIMIT {BatchSize})
                """, cancellationToken);
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}
