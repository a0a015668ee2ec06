using Club.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.MaxActorLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(AuditEntry.MaxAddressLength);
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.MaxActionLength);
        builder.Property(e => e.EntityType).HasMaxLength(AuditEntry.MaxEntityTypeLength);
        builder.Property(e => e.EntityId).HasMaxLength(AuditEntry.MaxEntityIdLength);
        builder.Property(e => e.PersonalValue).HasMaxLength(AuditEntry.MaxPersonalValueLength);
        builder.Property(e => e.Before).HasColumnType("jsonb");
        builder.Property(e => e.After).HasColumnType("jsonb");

        // The audit page: newest first, filtered by person, by entity or by a member's erasure.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.ActorId, e.At });
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.MemberId).HasFilter("member_id IS NOT NULL");
    }
}
