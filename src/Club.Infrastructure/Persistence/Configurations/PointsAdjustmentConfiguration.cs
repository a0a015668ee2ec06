using Club.Domain.Members;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PointsAdjustmentConfiguration : IEntityTypeConfiguration<PointsAdjustment>
{
    public void Configure(EntityTypeBuilder<PointsAdjustment> builder)
    {
        builder.ToTable("points_adjustments", t =>
            t.HasCheckConstraint("ck_points_adjustments_amount", $"amount <> 0 AND abs(amount) <= {PointsAdjustment.MaxAmount}"));
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Comment).HasMaxLength(PointsAdjustment.MaxCommentLength);
        builder.Ignore(a => a.EntryKey);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.RequestedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.DecidedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MemberId, a.RequestedAt });
        // The Admin's queue: only the few waiting ones are in it.
        builder.HasIndex(a => a.RequestedAt).HasDatabaseName("ix_points_adjustments_awaiting")
            .HasFilter($"state = '{nameof(AdjustmentState.AwaitingApproval)}'");
    }
}
