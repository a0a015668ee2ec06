using Club.Domain.Members;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class TagReportConfiguration : IEntityTypeConfiguration<TagReport>
{
    public void Configure(EntityTypeBuilder<TagReport> builder)
    {
        builder.ToTable("tag_reports");
        builder.Property(r => r.Message).HasMaxLength(TagReport.MaxMessageLength);
        builder.Property(r => r.Contact).HasMaxLength(TagReport.MaxContactLength);
        builder.HasOne<Tag>().WithMany().HasForeignKey(r => r.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.Resolved, r.CreatedAt });
    }
}
