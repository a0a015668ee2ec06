using Club.Application.Abstractions;
using Club.Domain.Brand;
using Club.Domain.Points;
using Club.Domain.Tags;
using Club.Infrastructure.Persistence.Migrations;
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
    // LEFT JOINs from a one-row source: the contact comes back whether the tag exists or not.
    private static readonly string Sql = $"""
        SELECT b.support_email, b.support_phone,
               t.state, t.failed_attempts, t.owner_member_id, t.registered_at, tb.state,
               p.sku, p.name, p.collection, p.metal, p.stone, p.photo_url, pp.points, COALESCE(c.scans, 0),
               promo.extra_points, promo.multiplier,
               -- The registration's rule (RegisterItem): the bonus comes with a buyer's first item. Only
               -- for a signed-in member; an anonymous view never evaluates the sub-selects.
               CASE WHEN $3::uuid IS NULL OR EXISTS (SELECT 1 FROM tags o WHERE o.owner_member_id = $3::uuid) THEN 0
                    ELSE COALESCE((SELECT r.points FROM points_rules r WHERE r.kind = '{nameof(PointsRuleKind.FirstItemBonus)}'), 0) END
        FROM (SELECT $1::bigint AS id) wanted
        LEFT JOIN brand_settings b ON b.id = {BrandSettings.SingletonId}
        LEFT JOIN tags t ON t.id = wanted.id
        LEFT JOIN tag_batches tb ON tb.id = t.batch_id
        LEFT JOIN products p ON p.id = tb.product_id
        LEFT JOIN {ProductPointsView.Name} pp ON pp.product_id = p.id
        LEFT JOIN tag_scan_counts c ON c.tag_id = t.id
        -- The same choice as the registration's (RegisterItem): the partner the batch was shipped to,
        -- the item's collection and category, the most generous first.
        LEFT JOIN LATERAL (
            SELECT x.extra_points, x.multiplier FROM promotions x
            WHERE x.starts_at <= $2 AND x.ends_at > $2
              AND (x.partner_id IS NULL OR x.partner_id = tb.partner_id)
              AND (x.collection IS NULL OR x.collection = p.collection)
              AND (x.category IS NULL OR x.category = p.category)
            ORDER BY x.extra_points + x.multiplier * pp.points DESC, x.id
            LIMIT 1) promo ON true
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
        // A tag whose product row is missing cannot exist (foreign keys), so a null SKU means "no tag".
        if (reader.IsDBNull(7))
        {
            return new TagScanFacts(null, email, phone);
        }

        var tag = new ScannedTagRow(
            State: (TagState)reader.GetInt16(2),
            FailedAttempts: reader.GetInt16(3),
            OwnerMemberId: reader.IsDBNull(4) ? null : reader.GetGuid(4),
            RegisteredAt: reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            BatchState: Enum.Parse<TagBatchState>(reader.GetString(6)),
            Sku: reader.GetString(7),
            Name: reader.GetString(8),
            Collection: reader.GetString(9),
            Metal: reader.GetString(10),
            Stone: reader.IsDBNull(11) ? null : reader.GetString(11),
            PhotoUrl: reader.IsDBNull(12) ? null : reader.GetString(12),
            Points: reader.GetInt32(13),
            Scans: reader.GetInt64(14),
            Promotion: reader.IsDBNull(15) ? null : new RunningPromotion(reader.GetInt32(15), reader.GetDecimal(16)),
            FirstItemBonus: reader.GetInt32(17));
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
