using Club.Domain.Points;

namespace Club.Infrastructure.Persistence.Migrations;

/// <summary>
/// HAND-WRITTEN SQL, called from the migration that adds it: the view behind <see cref="ProductPoints"/>.
/// The rules table holds at most one rule per product and per collection (unique index), so each
/// sub-select finds one row or none. PostgreSQL refuses to change the type of a column a view reads
/// (products.id, collection, points; points_rules.kind, product_id, collection, points): a migration
/// that does must run <see cref="Drop"/> before and <see cref="Create"/> after.
/// </summary>
internal static class ProductPointsView
{
    public const string Name = "product_points";

    public const string Create = $"""
        CREATE OR REPLACE VIEW {Name} AS
        SELECT p.id AS product_id,
               COALESCE(
                 (SELECT r.points FROM points_rules r WHERE r.kind = '{nameof(PointsRuleKind.Product)}' AND r.product_id = p.id),
                 (SELECT r.points FROM points_rules r WHERE r.kind = '{nameof(PointsRuleKind.Collection)}' AND r.collection = p.collection),
                 p.points) AS points
        FROM products p;
        """;

    public const string Drop = $"DROP VIEW IF EXISTS {Name};";
}
