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
            t.HasCheckConstraint("ck_contests_winner_count", $"winner_count BETWEEN 1 AND {Contest.MaxWinners}");
            // The published hash is the seed's SHA-256, and a draw always has both: checked by the database
            // itself, so no code path can store a seed that does not match what was published.
            t.HasCheckConstraint("ck_contests_seed_hash", "seed IS NULL OR seed_hash = encode(sha256(decode(seed, 'hex')), 'hex')");
            t.HasCheckConstraint("ck_contests_draw_seed", $"selection <> '{ContestSelection.Draw}' OR (seed IS NOT NULL AND seed_hash IS NOT NULL)");
        });
        builder.Property(c => c.Title).HasMaxLength(Contest.MaxTitleLength);
        builder.Property(c => c.Description).HasMaxLength(Contest.MaxDescriptionLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
        builder.Property(c => c.EntryKind).HasConversion<string>().HasMaxLength(10).HasDefaultValue(ContestEntryKind.Join);
        builder.Property(c => c.Selection).HasConversion<string>().HasMaxLength(10).HasDefaultValue(ContestSelection.Staff);
        builder.Property(c => c.WinnerCount).HasDefaultValue(1);
        builder.Property(c => c.Prize).HasMaxLength(Contest.MaxPrizeLength);
        builder.Property(c => c.Seed).HasMaxLength(64);
        builder.Property(c => c.SeedHash).HasMaxLength(64);
        builder.HasOne<Club.Domain.Partners.Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContestEntryConfiguration : IEntityTypeConfiguration<ContestEntry>
{
    public void Configure(EntityTypeBuilder<ContestEntry> builder)
    {
        builder.ToTable("contest_entries");
        builder.Property(e => e.Text).HasMaxLength(ContestEntry.MaxTextLength);
        builder.Property(e => e.PhotoContentType).HasMaxLength(50);

        // One entry per member and contest, whatever the clicks.
        builder.HasIndex(e => new { e.ContestId, e.MemberId }).IsUnique();
        builder.HasOne<Contest>().WithMany().HasForeignKey(e => e.ContestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
