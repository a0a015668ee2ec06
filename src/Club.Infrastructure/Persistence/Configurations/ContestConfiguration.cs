using Club.Domain.Activities;
using Club.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>
{
    public void Configure(EntityTypeBuilder<Contest> builder)
    {
        builder.ToTable("contests", t =>
        {
            t.HasCheckConstraint("ck_contests_points", "entry_points >= 0 AND winner_points >= 0");
            t.HasCheckConstraint("ck_contests_dates", "ends_at > starts_at");
        });
        builder.Property(c => c.Title).HasMaxLength(Contest.MaxTitleLength);
        builder.Property(c => c.Description).HasMaxLength(Contest.MaxDescriptionLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
    }
}

internal sealed class ContestEntryConfiguration : IEntityTypeConfiguration<ContestEntry>
{
    public void Configure(EntityTypeBuilder<ContestEntry> builder)
    {
        builder.ToTable("contest_entries");

        // One entry per member and contest, whatever the clicks.
        builder.HasIndex(e => new { e.ContestId, e.MemberId }).IsUnique();
        builder.HasOne<Contest>().WithMany().HasForeignKey(e => e.ContestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
