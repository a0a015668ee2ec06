namespace Club.Infrastructure.Persistence.Migrations;

/// <summary>
/// HAND-WRITTEN SQL, the whole of migration <c>ReportCoveringIndexes</c>: the partner report's two
/// covering indexes replace plain ones of the same name. A plain DROP and CREATE in a migration's
/// transaction would block every ledger and sales write until the new index is built over millions of
/// rows; instead each is built CONCURRENTLY beside the old one (outside a transaction: writes go on),
/// then swapped in by a drop and a rename that take a moment. In a migration of its own, as EF Core
/// advises for statements that cannot run in a transaction, and every step can run again: a build
/// interrupted halfway leaves an invalid index, which the next run drops first.
/// </summary>
internal static class CoveringReportIndexes
{
    private static readonly (string Name, string Table, string Definition)[] Indexes =
    [
        ("ix_points_entries_member_id_created_at", "points_entries", "(member_id, created_at) INCLUDE (amount)"),
        ("ix_sales_partner_id_recorded_at", "sales", "(partner_id, recorded_at) INCLUDE (tag_id, seller_id, shop_id, state, confirmed_at)"),
    ];

    /// <summary>Statements in order, each with whether it must run outside a transaction.</summary>
    public static IEnumerable<(string Sql, bool SuppressTransaction)> Up() =>
        Indexes.SelectMany(index => new[]
        {
            ($"DROP INDEX CONCURRENTLY IF EXISTS {index.Name}_covering;", true),
            ($"CREATE INDEX CONCURRENTLY {index.Name}_covering ON {index.Table} {index.Definition};", true),
            ($"DROP INDEX IF EXISTS {index.Name}; ALTER INDEX {index.Name}_covering RENAME TO {index.Name};", false),
        });
}
