using Club.Domain.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class TagScanConfiguration : IEntityTypeConfiguration<TagScan>
{
    public void Configure(EntityTypeBuilder<TagScan> builder)
    {
        // A log written on every page view: no foreign keys to check on insert, one index for the
        // per-tag count the page shows and one by time, so the anomaly job reads only its window.
        builder.ToTable("tag_scans");
        // Partitioned by month of scanned_at (ScanLogPartitions; the migration ConvertTagScansToMonthlyPartitions):
        // a partitioned table's primary key must include the partition column.
        builder.HasKey(s => new { s.Id, s.ScannedAt });
        builder.Property(s => s.Id).UseIdentityByDefaultColumn();
        builder.Property(s => s.ClientHash).HasMaxLength(16);
        builder.Property(s => s.Verdict).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.UnknownSerial).HasMaxLength(UnknownSerial.MaxLength);
        builder.Ignore(s => s.WellFormed);
        builder.HasIndex(s => s.TagId);
        builder.HasIndex(s => s.ScannedAt);
        // Signed-in visitors only (most scans are anonymous, so this index stays small): the collusion check
        // compares a seller's and a buyer's visitor hashes around a sale.
        builder.HasIndex(s => new { s.MemberId, s.ScannedAt }).HasFilter("member_id IS NOT NULL");
    }
}
