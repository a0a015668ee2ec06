using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class SalesPolicyConfiguration : IEntityTypeConfiguration<SalesPolicy>
{
    public void Configure(EntityTypeBuilder<SalesPolicy> builder)
    {
        builder.ToTable("sales_policy", t =>
        {
            t.HasCheckConstraint("ck_sales_policy_singleton", $"id = {SalesPolicy.SingletonId}");
            t.HasCheckConstraint("ck_sales_policy_window", $"window_days BETWEEN 1 AND {SalesPolicy.MaxWindowDays}");
            t.HasCheckConstraint("ck_sales_policy_cap", $"daily_cap BETWEEN 1 AND {SalesPolicy.MaxDailyCap}");
            t.HasCheckConstraint("ck_sales_policy_answer", $"answer_days BETWEEN 1 AND {SalesPolicy.MaxAnswerDays}");
        });
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.UpdatedBy).HasMaxLength(200);

        // The row always exists: the defaults.
        builder.HasData(new SalesPolicy());
    }
}
