using Club.Domain.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class UnknownSerialConfiguration : IEntityTypeConfiguration<UnknownSerial>
{
    public void Configure(EntityTypeBuilder<UnknownSerial> builder)
    {
        // One row per serial, raised in bulk by the scan log's writer; the desk lists the most scanned.
        builder.ToTable("unknown_serials");
        builder.HasKey(u => u.Serial);
        builder.Property(u => u.Serial).HasMaxLength(UnknownSerial.MaxLength);
        builder.HasIndex(u => u.Scans);
    }
}
