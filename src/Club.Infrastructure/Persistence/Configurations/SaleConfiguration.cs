using Club.Domain.Activities;
using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class SaleConfiguration : IEntityTypeConfiguration<Sale>
{
    public void Configure(EntityTypeBuilder<Sale> builder)
    {
        builder.ToTable("sales", t =>
        {
            t.HasCheckConstraint("ck_sales_points", "points >= 0");
            t.HasCheckConstraint("ck_sales_promotion_points", "promotion_points >= 0 AND (promotion_id IS NOT NULL OR promotion_points = 0)");
        });
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Flag).HasConversion<string>().HasMaxLength(20);
        // One live claim per tag, enforced by the database: two sellers scanning one tag at once cannot
        // both win; the loser's claim is kept as a dispute. A claim that is over frees the tag. A seller
        // claims a tag once per cycle (each return starts the next, so the same seller can sell it again);
        // an expired claim does not count, so a seller whose claim nobody answered may claim again.
        builder.HasIndex(s => s.TagId).IsUnique().HasFilter($"state IN ({StateList(Sale.HoldingStates)})");
        builder.HasIndex(s => new { s.TagId, s.SellerId, s.Cycle }).IsUnique().HasFilter($"state <> '{SaleState.Expired}'");
        builder.HasIndex(s => new { s.SellerId, s.RecordedAt });
        // Covering for the partner report, which reads a partner's sales in a date window from the index alone.
        builder.HasIndex(s => new { s.PartnerId, s.RecordedAt }).IncludeProperties(s => new { s.TagId, s.SellerId, s.ShopId, s.State, s.ConfirmedAt });

        // Each sale is updated once (confirmed or expired): vacuum after 2% changed rows, not 20%, so the
        // visibility map the report's index-only scan needs stays current.
        builder.HasStorageParameter("autovacuum_vacuum_scale_factor", 0.02);
        builder.HasStorageParameter("autovacuum_vacuum_insert_scale_factor", 0.02);
        // The leaderboards: one month's confirmed sales, summed per seller from the index alone.
        builder.HasIndex(s => s.ConfirmedAt).HasFilter($"state = '{SaleState.Confirmed}'")
            .IncludeProperties(s => new { s.SellerId, s.PartnerId, s.Points, s.PromotionPoints });
        builder.HasOne<Promotion>().WithMany().HasForeignKey(s => s.PromotionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.State).HasFilter("state IN ('AwaitingBuyer', 'Flagged', 'AwaitingConfirmation', 'Disputed')");
        builder.HasOne<Tag>().WithMany().HasForeignKey(s => s.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shop>().WithMany().HasForeignKey(s => s.ShopId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
        // Erasing a member must not be blocked by the claims they were asked about; the claim keeps its seller.
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.BuyerId).OnDelete(DeleteBehavior.SetNull);
    }

    private static string StateList(IEnumerable<SaleState> states) => string.Join(", ", states.Select(s => $"'{s}'"));
}
