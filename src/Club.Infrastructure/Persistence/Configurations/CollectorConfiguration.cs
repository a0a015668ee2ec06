using System.Globalization;
using Club.Domain.Collector;
using Club.Domain.Members;
using Club.Domain.PartnerApi;
using Club.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class CollectorSettingsConfiguration : IEntityTypeConfiguration<CollectorSettings>
{
    public void Configure(EntityTypeBuilder<CollectorSettings> builder)
    {
        builder.ToTable("collector_settings", t =>
        {
            t.HasCheckConstraint("ck_collector_settings_singleton", $"id = {CollectorSettings.SingletonId}");
            t.HasCheckConstraint("ck_collector_settings_threshold",
                $"threshold > 0 AND threshold <= {CollectorSettings.MaxThreshold.ToString(CultureInfo.InvariantCulture)}");
            t.HasCheckConstraint("ck_collector_settings_multiplier",
                $"multiplier >= 1 AND multiplier <= {CollectorSettings.MaxMultiplier.ToString(CultureInfo.InvariantCulture)}");
        });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Threshold).HasPrecision(12, 2);
        builder.Property(s => s.Multiplier).HasPrecision(4, 2);
        builder.Property(s => s.Name).HasMaxLength(CollectorSettings.MaxNameLength);
        builder.Property(s => s.NameEn).HasMaxLength(CollectorSettings.MaxNameLength);
        builder.Property(s => s.UpdatedBy).HasMaxLength(200);

        // The row always exists: registrations and the yearly job read it.
        builder.HasData(new CollectorSettings());
    }
}

internal sealed class CollectorStatusConfiguration : IEntityTypeConfiguration<CollectorStatus>
{
    public void Configure(EntityTypeBuilder<CollectorStatus> builder)
    {
        builder.ToTable("collector_statuses", t => t.HasCheckConstraint("ck_collector_statuses_period", "valid_until > valid_from"));
        // One row per member and year: the key makes a grant once, however many registrations or job runs race.
        builder.HasKey(s => new { s.MemberId, s.Year });
        builder.Property(s => s.Value).HasPrecision(14, 2);
        builder.Property(s => s.Source).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => s.Year);
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CollectorCouponConfiguration : IEntityTypeConfiguration<CollectorCoupon>
{
    public void Configure(EntityTypeBuilder<CollectorCoupon> builder)
    {
        builder.ToTable("collector_coupons", t => t.HasCheckConstraint("ck_collector_coupons_percent",
            $"percent BETWEEN 1 AND {CollectorSettings.MaxCouponPercent}"));
        builder.Property(c => c.Code).HasMaxLength(CollectorCoupon.CodeLength);
        builder.HasIndex(c => c.Code).IsUnique();
        // A status year's coupons are issued once: a second opening finds them.
        builder.HasIndex(c => new { c.MemberId, c.Year, c.Position }).IsUnique();
        builder.HasOne<CollectorStatus>().WithMany().HasForeignKey(c => new { c.MemberId, c.Year }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.RedeemedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.RedeemedPartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(c => c.RedeemedApiKeyId).OnDelete(DeleteBehavior.Restrict);
    }
}
