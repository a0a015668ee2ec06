using Club.Domain.Members;
using Club.Domain.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ItemOwnerChangeConfiguration : IEntityTypeConfiguration<ItemOwnerChange>
{
    public void Configure(EntityTypeBuilder<ItemOwnerChange> builder)
    {
        builder.ToTable("item_owner_changes", t =>
            t.HasCheckConstraint("ck_item_owner_changes_points_moved", "points_moved >= 0"));
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Reason).HasMaxLength(ItemOwnerChange.MaxReasonLength);

        // tags has no foreign keys pointing at it from bulk-written tables; this history is small.
        builder.HasOne<Tag>().WithMany().HasForeignKey(c => c.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.FromMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.ToMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.ChangedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TagId, c.ChangedAt });
        builder.HasIndex(c => c.FromMemberId);
        builder.HasIndex(c => c.ToMemberId).HasFilter("to_member_id IS NOT NULL");
    }
}
