using Club.Domain.News;
using Club.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class NewsItemConfiguration : IEntityTypeConfiguration<NewsItem>
{
    public void Configure(EntityTypeBuilder<NewsItem> builder)
    {
        builder.ToTable("news_items", t =>
        {
            t.HasCheckConstraint("ck_news_items_partner", "(audience = 'PartnerBuyers') = (partner_id IS NOT NULL)");
            t.HasCheckConstraint("ck_news_items_tier", "(audience = 'Tier') = (tier_level IS NOT NULL)");
        });
        builder.Property(n => n.TitleRu).HasMaxLength(NewsItem.MaxTitleLength);
        builder.Property(n => n.TitleEn).HasMaxLength(NewsItem.MaxTitleLength);
        builder.Property(n => n.BodyRu).HasMaxLength(NewsItem.MaxBodyLength);
        builder.Property(n => n.BodyEn).HasMaxLength(NewsItem.MaxBodyLength);
        builder.Property(n => n.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.PictureType).HasMaxLength(50);
        builder.Property(n => n.PublishedBy).HasMaxLength(200);
        builder.HasOne<Partner>().WithMany().HasForeignKey(n => n.PartnerId).OnDelete(DeleteBehavior.Restrict);

        // The mail job looks for items not mailed yet.
        builder.HasIndex(n => n.PublishedAt).HasFilter("mailed_at IS NULL");
    }
}
