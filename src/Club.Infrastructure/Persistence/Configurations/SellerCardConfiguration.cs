using Club.Domain.Members;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class SellerCardConfiguration : IEntityTypeConfiguration<SellerCard>
{
    public void Configure(EntityTypeBuilder<SellerCard> builder)
    {
        builder.ToTable("seller_cards");
        builder.HasKey(c => c.SellerId);
        builder.Property(c => c.Code).HasMaxLength(SellerCard.CodeLength);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasOne<Member>().WithOne().HasForeignKey<SellerCard>(c => c.SellerId).OnDelete(DeleteBehavior.Cascade);
    }
}
