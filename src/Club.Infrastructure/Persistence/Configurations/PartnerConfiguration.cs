using Club.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.ToTable("partners");
        builder.Property(p => p.Name).HasMaxLength(Partner.MaxNameLength);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.LegalName).HasMaxLength(Partner.MaxNameLength);
        builder.Property(p => p.Contact).HasMaxLength(Partner.MaxContactLength);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Property(p => p.TaxId).HasMaxLength(12);
        builder.HasMany(p => p.Shops).WithOne(s => s.Partner).HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
