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
        builder.Property(r => r.UnknownSerial).HasMaxLength(UnknownSerial.MaxLength);
        builder.Property(r => r.BoughtWhere).HasMaxLength(TagReport.MaxPlaceLength);
        builder.Property(r => r.Shop).HasMaxLength(TagReport.MaxPlaceLength);
        builder.Property(r => r.PricePaid).HasPrecision(12, 2);
        builder.Property(r => r.StaffNotes).HasMaxLength(TagReport.MaxNotesLength);
        builder.Property(r => r.Reply).HasMaxLength(TagReport.MaxReplyLength);
        builder.HasOne<Tag>().WithMany().HasForeignKey(r => r.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}

internal sealed class TagReportPhotoConfiguration : IEntityTypeConfiguration<TagReportPhoto>
{
    public void Configure(EntityTypeBuilder<TagReportPhoto> builder)
    {
        // Beside the report, so listing reports never reads the bytes.
        builder.ToTable("tag_report_photos");
        builder.HasKey(p => p.ReportId);
        builder.Property(p => p.ContentType).HasMaxLength(50);
        builder.HasOne<TagReport>().WithOne().HasForeignKey<TagReportPhoto>(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
