namespace Club.Application.Features.Points.Ledger;

/// <summary>
/// Where a lot's points come from, so what the program owes can be reported by partner: an entry about
/// a tag (reference "tag") gets the tag's batch and the batch's partner, an entry about a sale ("sale")
/// the sale's partner and its tag's batch; other sources have none. The migration that added the
/// columns filled existing lots with the same rule.
/// </summary>
internal static class LotSource
{
    /// <summary>A LEFT JOIN giving src.partner_id and src.batch_id for the entry alias <paramref name="entry"/>.</summary>
    public static string JoinSql(string entry) => $"""
        LEFT JOIN LATERAL (
            SELECT b.partner_id, b.id AS batch_id
            FROM tags t JOIN tag_batches b ON b.id = t.batch_id
            WHERE t.id = CASE WHEN {entry}.reference_type = '{PointsLedger.TagReference}' THEN {entry}.reference_id::bigint END
            UNION ALL
            SELECT s.partner_id, t.batch_id
            FROM sales s JOIN tags t ON t.id = s.tag_id
            WHERE s.id = CASE WHEN {entry}.reference_type = '{PointsLedger.SaleReference}' THEN {entry}.reference_id::bigint END
            LIMIT 1) src ON true
        """;
}
