using Club.Domain.Charity;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class CharityCampaignConfiguration : IEntityTypeConfiguration<CharityCampaign>
{
    public void Configure(EntityTypeBuilder<CharityCampaign> builder)
    {
        builder.ToTable("charity_campaigns", t => t.HasCheckConstraint("ck_charity_campaigns_dates", "ends_at > starts_at"));
        builder.Property(c => c.NameRu).HasMaxLength(CharityCampaign.MaxNameLength);
        builder.Property(c => c.NameEn).HasMaxLength(CharityCampaign.MaxNameLength);
        builder.Property(c => c.DescriptionRu).HasMaxLength(CharityCampaign.MaxDescriptionLength);
        builder.Property(c => c.DescriptionEn).HasMaxLength(CharityCampaign.MaxDescriptionLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
        builder.HasIndex(c => c.AccountId).IsUnique();

        // Its points are held by a ledger account of its own.
        builder.HasOne<PointsAccount>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
