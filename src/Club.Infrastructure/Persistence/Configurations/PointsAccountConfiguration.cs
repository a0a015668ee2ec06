using Club.Domain.Partners;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PointsAccountConfiguration : IEntityTypeConfiguration<PointsAccount>
{
    public void Configure(EntityTypeBuilder<PointsAccount> builder)
    {
        builder.ToTable("points_accounts", t => t.HasCheckConstraint("ck_points_accounts_not_member", $"kind <> '{PointsAccountKind.Member}'"));
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Name).HasMaxLength(PointsAccount.MaxNameLength);
        builder.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
