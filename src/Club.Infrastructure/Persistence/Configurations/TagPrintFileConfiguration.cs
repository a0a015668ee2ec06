using Club.Domain.Tags;
using Club.Infrastructure.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class TagPrintFileConfiguration : IEntityTypeConfiguration<TagPrintFile>
{
    public void Configure(EntityTypeBuilder<TagPrintFile> builder)
    {
        builder.ToTable("tag_print_files");
        builder.HasKey(f => new { f.BatchId, f.Name });
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.HasOne<TagBatch>().WithMany().HasForeignKey(f => f.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
