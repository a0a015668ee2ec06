using Club.Domain.Brand;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class BrandLogoConfiguration : IEntityTypeConfiguration<BrandLogo>
{
    public void Configure(EntityTypeBuilder<BrandLogo> builder)
    {
        builder.ToTable("brand_logos", t => t.HasCheckConstraint("ck_brand_logos_singleton", "id = 1"));
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.ContentType).HasMaxLength(40);
    }
}
