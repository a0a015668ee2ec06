using Club.Domain.Activities;
using Club.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class SocialClaimConfiguration : IEntityTypeConfiguration<SocialClaim>
{
    public void Configure(EntityTypeBuilder<SocialClaim> builder)
    {
        builder.ToTable("social_claims");
        builder.Property(c => c.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Handle).HasMaxLength(SocialClaim.MaxHandleLength);
        builder.Property(c => c.DecidedBy).HasMaxLength(200);

        // One claim per member and network: parallel claims insert one row, the rest find it taken.
        builder.HasIndex(c => new { c.MemberId, c.Network }).IsUnique();
        builder.HasIndex(c => c.ClaimedAt).HasFilter("state = 'Pending'");
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
