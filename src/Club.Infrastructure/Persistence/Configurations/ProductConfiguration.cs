using Club.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products", t =>
        {
            t.HasCheckConstraint("ck_products_points_not_negative", "points >= 0");
            t.HasCheckConstraint("ck_products_price_not_negative", "recommended_price IS NULL OR recommended_price >= 0");
        });
        builder.Property(p => p.Sku).HasMaxLength(Product.MaxSkuLength);
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(Product.MaxNameLength);
        builder.Property(p => p.NameEn).HasMaxLength(Product.MaxNameLength);
        builder.Property(p => p.Collection).HasMaxLength(CatalogueTerm.MaxCodeLength);
        builder.HasIndex(p => p.Collection);
        builder.Property(p => p.Category).HasMaxLength(CatalogueTerm.MaxCodeLength);
        builder.Property(p => p.Metal).HasMaxLength(CatalogueTerm.MaxCodeLength);
        builder.Property(p => p.Stone).HasMaxLength(CatalogueTerm.MaxCodeLength);
        builder.Property(p => p.Description).HasMaxLength(Product.MaxDescriptionLength);
        builder.Property(p => p.RecommendedPrice).HasPrecision(12, 2);
        builder.Property(p => p.PhotoUrl).HasMaxLength(300);
        builder.Property(p => p.Version).IsRowVersion();
    }
}
