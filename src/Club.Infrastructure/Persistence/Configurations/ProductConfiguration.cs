using Club.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products", t => t.HasCheckConstraint("ck_products_points_not_negative", "points >= 0"));
        builder.Property(p => p.Sku).HasMaxLength(Product.MaxSkuLength);
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Collection).HasMaxLength(100);
        builder.HasIndex(p => p.Collection);
        builder.Property(p => p.Category).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Metal).HasMaxLength(50);
        builder.Property(p => p.Stone).HasMaxLength(50);
        builder.Property(p => p.PhotoUrl).HasMaxLength(300);
    }
}
