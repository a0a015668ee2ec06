using Club.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> builder)
    {
        builder.ToTable("shops");
        builder.Property(s => s.Name).HasMaxLength(Shop.MaxNameLength);
        builder.Property(s => s.Phone).HasMaxLength(Shop.MaxPhoneLength);
        builder.Property(s => s.Version).IsRowVersion();
        builder.Property(s => s.Website).HasMaxLength(200);
        builder.HasIndex(s => new { s.PartnerId, s.Name }).IsUnique();
        builder.ComplexProperty(s => s.Address, address =>
        {
            address.Property(a => a.City).HasMaxLength(100).HasColumnName("city");
            address.Property(a => a.Street).HasMaxLength(200).HasColumnName("street");
            address.Property(a => a.PostalCode).HasMaxLength(12).HasColumnName("postal_code");
        });
    }
}
