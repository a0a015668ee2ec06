using Club.Domain.Members;
using Club.Domain.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        // Written by binary COPY a million rows at a time: the primary key is the only index, and
        // batch_id carries no foreign key (EF would add an index for it); the batch row is written in
        // the same transaction, and a batch also knows its tags by its id range.
        builder.ToTable("tags", t =>
        {
            t.HasCheckConstraint("ck_tags_failed_attempts", "failed_attempts >= 0");
            t.HasCheckConstraint("ck_tags_scratch_hash_length", "octet_length(scratch_hash) = 32");
            t.HasCheckConstraint("ck_tags_registered_owner",
                $"(state = {(short)TagState.Registered}) = (owner_member_id IS NOT NULL AND registered_at IS NOT NULL)");
        });
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.State).HasConversion<short>();
        // Every scan adds to its tag's count: with a tenth of each page kept free the new row version fits beside
        // the old one (a HOT update: no new index entry, one page written).
        builder.HasStorageParameter("fillfactor", 90);
        // The factory's COPY and the bulk inserts leave it out.
        builder.Property(t => t.ScanCount).HasDefaultValue(0L);

        // Only registered tags have an owner: a partial index stays tiny and costs the bulk COPY of
        // fresh (ownerless) tags nothing but the predicate check.
        builder.HasIndex(t => t.OwnerMemberId).HasFilter("owner_member_id IS NOT NULL");
        // Tags under attack for program managers: only tags past their free wrong codes are in it.
        builder.HasIndex(t => t.LastWrongCodeAt).HasDatabaseName("ix_tags_under_attack")
            .HasFilter($"failed_attempts >= {ScratchGuessLimits.FreeWrongCodesPerTag}");
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.OwnerMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
