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
    }
}
