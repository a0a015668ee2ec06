using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PointsLotConfiguration : IEntityTypeConfiguration<PointsLot>
{
    public void Configure(EntityTypeBuilder<PointsLot> builder)
    {
        builder.ToTable("points_lots", t =>
        {
            t.HasCheckConstraint("ck_points_lots_amount_positive", "amount > 0");
            t.HasCheckConstraint("ck_points_lots_remaining", "remaining BETWEEN 0 AND amount");
        });
        builder.HasKey(l => l.EntryId);
        builder.Property(l => l.EntryId).ValueGeneratedNever();
        builder.HasOne<PointsEntry>().WithOne().HasForeignKey<PointsLot>(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);

        // Spending and expiry walk a member's open lots oldest first.
        builder.HasIndex(l => new { l.MemberId, l.ExpiresAt }).HasFilter("remaining > 0");

        // The expiry job and its reminders look for open lots by date across all members.
        builder.HasIndex(l => l.ExpiresAt).HasFilter("remaining > 0").HasDatabaseName("ix_points_lots_open_expires_at");
    }
}
