using Club.Application.Abstractions;
using Mediator;

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
    /// <summary>Rows per statement (see <see cref="BatchedRetention"/>).</summary>
    private const int BatchSize = 10_000;

    public async ValueTask<int> Handle(ForgetOldIdempotencyKeysCommand command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-Math.Max(1, settings.IdempotencyRetentionDays));
        // Set-based, one batch per statement, found through the index on created_at.
        return await BatchedRetention.RunAsync(dbFactory, BatchSize, $"""
            DELETE FROM api_idempotency
            WHERE (partner_id, key) IN (SELECT partner_id, key FROM api_idempotency WHERE created_at < {cutoff} LIMIT {BatchSize})
            """, cancellationToken);
    }
}
