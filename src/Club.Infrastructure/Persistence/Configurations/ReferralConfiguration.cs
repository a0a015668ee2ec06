using Club.Domain.Members;
using Club.Domain.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("referrals");
        builder.HasKey(r => r.FriendId);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RefusedBecause).HasMaxLength(40);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.FriendId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.ReferrerId).OnDelete(DeleteBehavior.Restrict);

        // The cabinet's counts and the monthly cap read a referrer's invitations.
        builder.HasIndex(r => new { r.ReferrerId, r.Status });
    }
}

internal sealed class ReferralCodeConfiguration : IEntityTypeConfiguration<ReferralCode>
{
    public void Configure(EntityTypeBuilder<ReferralCode> builder)
    {
        builder.ToTable("referral_codes");
        builder.HasKey(c => c.MemberId);
        builder.Property(c => c.Code).HasMaxLength(ReferralCode.Length);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralSettingsConfiguration : IEntityTypeConfiguration<ReferralSettings>
{
    public void Configure(EntityTypeBuilder<ReferralSettings> builder)
    {
        builder.ToTable("referral_settings", t => t.HasCheckConstraint("ck_referral_settings_singleton", $"id = {ReferralSettings.SingletonId}"));
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UpdatedBy).HasMaxLength(200);
        builder.HasData(new ReferralSettings());
    }
}
