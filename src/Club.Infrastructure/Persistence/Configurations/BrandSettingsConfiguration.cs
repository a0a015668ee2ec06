using Club.Domain.Brand;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class BrandSettingsConfiguration : IEntityTypeConfiguration<BrandSettings>
{
    public void Configure(EntityTypeBuilder<BrandSettings> builder)
    {
        builder.ToTable("brand_settings", t => t.HasCheckConstraint("ck_brand_settings_singleton", "id = 1"));
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Name).HasMaxLength(BrandSettings.MaxNameLength);
        builder.Property(b => b.ClubUrl).HasMaxLength(200);
        builder.Property(b => b.SupportEmail).HasMaxLength(BrandSettings.MaxEmailLength);
        builder.Property(b => b.SupportPhone).HasMaxLength(BrandSettings.MaxPhoneLength);
    }
}
