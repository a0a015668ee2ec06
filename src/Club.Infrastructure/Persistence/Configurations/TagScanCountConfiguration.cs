using Club.Domain.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class TagScanCountConfiguration : IEntityTypeConfiguration<TagScanCount>
{
    public void Configure(EntityTypeBuilder<TagScanCount> builder)
    {
        // No foreign key: like the log, it is written in bulk and never blocks on the tags table.
        builder.ToTable("tag_scan_counts");
        builder.HasKey(c => c.TagId);
        builder.Property(c => c.TagId).ValueGeneratedNever();
        // Every scan adds to its tag's row: with a fifth of each page kept free the new row version fits beside
        // the old one (a HOT update: no new index entry, one page written instead of three).
        builder.HasStorageParameter("fillfactor", 80);
    }
}
