using System.Globalization;
using Club.Domain.Members;
using Club.Domain.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class TierSettingsConfiguration : IEntityTypeConfiguration<TierSettings>
{
    public void Configure(EntityTypeBuilder<TierSettings> builder)
    {
        builder.ToTable("tier_settings", t => t.HasCheckConstraint("ck_tier_settings_singleton", $"id = {TierSettings.SingletonId}"));
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Measure).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.UpdatedBy).HasMaxLength(200);

        // The row always exists: the job and the cabinet read it.
        builder.HasData(new TierSettings());
    }
}

internal sealed class TierConfiguration : IEntityTypeConfiguration<Tier>
{
    public void Configure(EntityTypeBuilder<Tier> builder)
    {
        builder.ToTable("tiers", t =>
        {
            t.HasCheckConstraint("ck_tiers_level", $"level BETWEEN 1 AND {Tier.MaxTiers}");
            t.HasCheckConstraint("ck_tiers_threshold", $"threshold > 0 AND threshold <= {Tier.MaxThreshold}");
            t.HasCheckConstraint("ck_tiers_multiplier",
                $"multiplier >= 1 AND multiplier <= {Tier.MaxMultiplier.ToString(CultureInfo.InvariantCulture)}");
        });
        builder.HasKey(t => t.Level);
        builder.Property(t => t.Level).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(Tier.MaxNameLength);
        builder.Property(t => t.NameEn).HasMaxLength(Tier.MaxNameLength);
        builder.Property(t => t.Multiplier).HasPrecision(4, 2);

        // The example ladder, by points earned: a program manager changes or empties it.
        builder.HasData(
            new Tier { Level = 1, Name = "Аквамарин", NameEn = "Aquamarine", Threshold = 500, Multiplier = 1m },
            new Tier { Level = 2, Name = "Сапфир", NameEn = "Sapphire", Threshold = 2_000, Multiplier = 1.1m },
            new Tier { Level = 3, Name = "Бриллиант", NameEn = "Diamond", Threshold = 5_000, Multiplier = 1.25m });
    }
}

internal sealed class MemberTierConfiguration : IEntityTypeConfiguration<MemberTier>
{
    public void Configure(EntityTypeBuilder<MemberTier> builder)
    {
        // No foreign key to tiers: a level removed from the ladder is re-evaluated by the next run.
        builder.ToTable("member_tiers");
        builder.HasKey(t => t.MemberId);
        builder.HasIndex(t => t.Level);
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberTierChangeConfiguration : IEntityTypeConfiguration<MemberTierChange>
{
    public void Configure(EntityTypeBuilder<MemberTierChange> builder)
    {
        builder.ToTable("member_tier_changes");
        builder.HasIndex(c => new { c.MemberId, c.ChangedAt });
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
