using Club.Domain.Members;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PointsBalanceConfiguration : IEntityTypeConfiguration<PointsBalance>
{
    public void Configure(EntityTypeBuilder<PointsBalance> builder)
    {
        builder.ToTable("points_balances", t => t.HasCheckConstraint("ck_points_balances_not_negative", "balance >= 0"));
        builder.HasKey(b => b.MemberId);
        builder.HasOne<Member>().WithOne().HasForeignKey<PointsBalance>(b => b.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
