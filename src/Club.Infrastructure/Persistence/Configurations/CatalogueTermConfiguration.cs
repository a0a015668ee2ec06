using Club.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class CatalogueTermConfiguration : IEntityTypeConfiguration<CatalogueTerm>
{
    public void Configure(EntityTypeBuilder<CatalogueTerm> builder)
    {
        builder.ToTable("catalogue_terms");
        builder.HasKey(t => new { t.List, t.Code });
        builder.Property(t => t.List).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Code).HasMaxLength(CatalogueTerm.MaxCodeLength);
        builder.Property(t => t.NameRu).HasMaxLength(CatalogueTerm.MaxNameLength);
        builder.Property(t => t.NameEn).HasMaxLength(CatalogueTerm.MaxNameLength);
    }
}
