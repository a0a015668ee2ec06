using Club.Domain.Activities;
using Club.Domain.Partners;
using Club.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> builder)
    {
        builder.ToTable("promotions", t =>
        {
            t.HasCheckConstraint("ck_promotions_dates", "ends_at > starts_at");
            t.HasCheckConstraint("ck_promotions_bonus", $"extra_points >= 0 AND multiplier >= 1 AND multiplier <= {Promotion.MaxMultiplier.ToString(System.Globalization.CultureInfo.InvariantCulture)} AND (extra_points > 0 OR multiplier > 1)");
        });
        builder.Property(p => p.Title).HasMaxLength(Promotion.MaxTitleLength);
        builder.Property(p => p.Collection).HasMaxLength(100);
        builder.Property(p => p.Category).HasMaxLength(CatalogueTerm.MaxCodeLength);
        builder.Property(p => p.Multiplier).HasPrecision(4, 2);
        builder.Property(p => p.CreatedBy).HasMaxLength(200);
        builder.HasIndex(p => new { p.StartsAt, p.EndsAt });
        builder.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
