using Club.Domain.Points;
using Club.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PointsRuleConfiguration : IEntityTypeConfiguration<PointsRule>
{
    public void Configure(EntityTypeBuilder<PointsRule> builder)
    {
        builder.ToTable("points_rules", t =>
        {
            t.HasCheckConstraint("ck_points_rules_points", $"points BETWEEN 0 AND {PointsRule.MaxPoints}");
            t.HasCheckConstraint("ck_points_rules_target",
                $"(kind IN ('{PointsRuleKind.Product}', '{PointsRuleKind.SellerProduct}') AND product_id IS NOT NULL AND collection IS NULL AND category IS NULL)" +
                $" OR (kind IN ('{PointsRuleKind.Collection}', '{PointsRuleKind.SellerCollection}') AND product_id IS NULL AND collection IS NOT NULL AND category IS NULL)" +
                $" OR (kind = '{PointsRuleKind.SellerCategory}' AND product_id IS NULL AND collection IS NULL AND category IS NOT NULL)" +
                // Every other kind (first-item bonus, seller's sale, birthdays...) is one global amount.
                $" OR (kind NOT IN ('{PointsRuleKind.Product}', '{PointsRuleKind.Collection}', '{PointsRuleKind.SellerProduct}', '{PointsRuleKind.SellerCollection}', '{PointsRuleKind.SellerCategory}')" +
                " AND product_id IS NULL AND collection IS NULL AND category IS NULL)");
        });
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Collection).HasMaxLength(100);
        builder.Property(r => r.Category).HasMaxLength(CatalogueTerm.MaxCodeLength);
        builder.Property(r => r.UpdatedBy).HasMaxLength(200);

        // One rule per product, per collection, and one first-item bonus: two managers saving at once
        // cannot leave two competing rules.
        builder.HasIndex(r => new { r.Kind, r.ProductId, r.Collection, r.Category }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasData(new PointsRule
        {
            Id = 1,
            Kind = PointsRuleKind.FirstItemBonus,
            Points = 300,
            UpdatedAt = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero),
            UpdatedBy = "initial rules",
        });
    }
}
