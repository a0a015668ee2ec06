using Club.Domain.Members;
using Club.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ReportSubscriptionConfiguration : IEntityTypeConfiguration<ReportSubscription>
{
    public void Configure(EntityTypeBuilder<ReportSubscription> builder)
    {
        builder.ToTable("report_subscriptions");
        builder.Property(s => s.Period).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(s => s.MemberId).IsUnique();
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportDeliveryConfiguration : IEntityTypeConfiguration<ReportDelivery>
{
    public void Configure(EntityTypeBuilder<ReportDelivery> builder)
    {
        // One mail per subscription and period, however often (or on however many nodes) the job runs.
        builder.ToTable("report_deliveries");
        builder.HasIndex(d => new { d.SubscriptionId, d.PeriodStart }).IsUnique();
        builder.HasOne<ReportSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
