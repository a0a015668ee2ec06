using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Club.Infrastructure.RateLimiting;

/// <summary>
/// Deletes counters whose window has ended, every few minutes on every node (deleting twice is harmless).
/// The table only ever holds the partitions seen in the last window or so. Scratch-code guess counts of
/// past days and wrong codes per alert window older than a day go in the same round.
/// </summary>
internal sealed class RateLimitCounterCleanup(ClubDatabase database, ILogger<RateLimitCounterCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await DeleteEndedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeleteEndedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("DELETE FROM rate_limit_counters WHERE window_ends_at < now()", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);

            // The scratch-code guess counts (one row per key and UTC day) are read only for today.
            await using var guesses = new NpgsqlCommand(
                "DELETE FROM scratch_guess_counts WHERE day < (now() AT TIME ZONE 'UTC')::date - 1", connection);
            await guesses.ExecuteNonQueryAsync(cancellationToken);

            // Wrong codes per tag and alert window are read only by the next run of the alert job.
            await using var windows = new NpgsqlCommand(
                "DELETE FROM tag_wrong_code_windows WHERE window_start < now() - interval '1 day'", connection);
            await windows.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The database is away for a moment; the next round deletes the same rows.
            logger.LogWarning(ex, "Could not delete ended rate-limit counters");
        }
    }
}
