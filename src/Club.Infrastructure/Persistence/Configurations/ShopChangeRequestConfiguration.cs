using Club.Domain.Members;
using Club.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ShopChangeRequestConfiguration : IEntityTypeConfiguration<ShopChangeRequest>
{
    public void Configure(EntityTypeBuilder<ShopChangeRequest> builder)
    {
        builder.ToTable("shop_change_requests");
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        // One open request per seller, even when the form is sent twice at once.
        builder.HasIndex(r => r.SellerId).IsUnique().HasFilter("state = 'Pending'");
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.SellerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Shop>().WithMany().HasForeignKey(r => r.FromShopId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shop>().WithMany().HasForeignKey(r => r.ToShopId).OnDelete(DeleteBehavior.Restrict);
    }
}
