using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PointsPolicyConfiguration : IEntityTypeConfiguration<PointsPolicy>
{
    public void Configure(EntityTypeBuilder<PointsPolicy> builder)
    {
        builder.ToTable("points_policy", t =>
        {
            t.HasCheckConstraint("ck_points_policy_singleton", $"id = {PointsPolicy.SingletonId}");
            t.HasCheckConstraint("ck_points_policy_lifetime", $"lifetime_months BETWEEN 0 AND {PointsPolicy.MaxLifetimeMonths}");
            t.HasCheckConstraint("ck_points_policy_reminder", $"expiry_reminder_days BETWEEN 0 AND {PointsPolicy.MaxExpiryReminderDays}");
            t.HasCheckConstraint("ck_points_policy_quiet", $"birthday_quiet_days BETWEEN 0 AND {PointsPolicy.MaxBirthdayQuietDays}");
        });
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.UpdatedBy).HasMaxLength(200);

        // The row always exists (the ledger's statements read the lifetime from it): the defaults.
        builder.HasData(new PointsPolicy());
    }
}
