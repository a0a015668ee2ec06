using Club.Application.Abstractions;
using Club.Domain.Brand;
using Club.Domain.Verification;
using Club.Application.Features.Tags;
using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Club.Infrastructure.Verification;

/// <summary>
/// The scan page's read as one prepared statement on its own small multiplexed pool: no DbContext,
/// no LINQ translation per view. The brand's contact rides along (a one-row table), so even a counterfeit
/// serial costs exactly one round trip.
/// </summary>
internal sealed class TagScanReader(ClubDatabase database, ILoggerFactory loggerFactory) : ITagScanReader, IAsyncDisposable
{
    // LEFT JOINs from a one-row source: the contact comes back whether the tag exists or not. The tag's
    // verdict, points, promotion and first-item bonus come from tag_terms, the definition the
    // registration reads too; PostgreSQL inlines the function (LANGUAGE sql, STABLE), so the plan and
    // the one round trip stay as they were. The count is read from the tag's row again: the function's pages
    // are then in the processor's caches.
    private static readonly string Sql = $"""
        SELECT b.support_email, b.support_phone,
               t.verdict, t.registered_at, t.sku, t.name, t.collection, t.metal, t.stone, t.photo_url, t.points,
               COALESCE(s.scan_count, 0), t.promotion_extra_points, t.promotion_multiplier, t.first_item_bonus,
               t.guessing_paused_until,
               EXISTS (SELECT 1 FROM item_losses l WHERE l.tag_id = wanted.id AND l.cleared_at IS NULL),
               (SELECT p.name_en FROM products p WHERE p.sku = t.sku)
        FROM (SELECT $1::bigint AS id) wanted
        LEFT JOIN brand_settings b ON b.id = {BrandSettings.SingletonId}
        LEFT JOIN LATERAL {TagTerms.Function}(wanted.id, $3::uuid, $2) t ON true
        LEFT JOIN tags s ON s.id = wanted.id
        """;

    // Multiplexing: the views of all requests are pipelined over a few connections instead of one
    // connection (and one server process) per concurrent request. With 32 concurrent scans on two cores
    // this nearly doubled the page's throughput (tools/Club.Bench/scan-wrk.sh: 2,842 -> 3,388 req/s
    // for one tag, 2,271 -> 3,354 for 10,000 tags, under a load average near 10); 2, 4 and 8
    // connections were tried, 8 was best for many tags.
    private const int Connections = 8;

    private readonly Lazy<NpgsqlDataSource> dataSource = new(() =>
        new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Multiplexing = true, MaxPoolSize = Connections }.ConnectionString)
            .UseLoggerFactory(loggerFactory)
            .Build());

    public async Task<TagScanFacts> ReadAsync(long? tagId, Guid? memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.Value.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = tagId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = memberId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);

        var email = reader.IsDBNull(0) ? null : reader.GetString(0);
        var phone = reader.IsDBNull(1) ? null : reader.GetString(1);
        // No verdict: no such tag.
        if (reader.IsDBNull(2))
        {
            return new TagScanFacts(null, email, phone);
        }

        var tag = new ScannedTagRow(
            Verdict: Enum.Parse<Verdict>(reader.GetString(2)),
            RegisteredAt: reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            Sku: reader.GetString(4),
            Name: reader.GetString(5),
            Collection: reader.GetString(6),
            Metal: reader.GetString(7),
            Stone: reader.IsDBNull(8) ? null : reader.GetString(8),
            PhotoUrl: reader.IsDBNull(9) ? null : reader.GetString(9),
            Points: reader.GetInt32(10),
            Scans: reader.GetInt64(11),
            Promotion: reader.IsDBNull(12) ? null : new RunningPromotion(reader.GetInt32(12), reader.GetDecimal(13)),
            FirstItemBonus: reader.GetInt32(14),
            GuessingPausedUntil: reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
            ReportedLost: reader.GetBoolean(16),
            NameEn: reader.IsDBNull(17) ? null : reader.GetString(17));
        return new TagScanFacts(tag, email, phone);
    }

    public async ValueTask DisposeAsync()
    {
        if (dataSource.IsValueCreated)
        {
            await dataSource.Value.DisposeAsync();
        }
    }
}
