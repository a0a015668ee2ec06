using Club.Domain.Catalog;
using Club.Domain.Members;
using Club.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class GiftConfiguration : IEntityTypeConfiguration<Gift>
{
    public void Configure(EntityTypeBuilder<Gift> builder)
    {
        // The stock constraint is the last line against overselling: the order's conditional UPDATE is the first.
        builder.ToTable("gifts", t =>
        {
            t.HasCheckConstraint("ck_gifts_stock_not_negative", "stock >= 0");
            t.HasCheckConstraint("ck_gifts_points_positive", "points > 0");
        });
        builder.Property(g => g.Title).HasMaxLength(Gift.MaxTitleLength);
        builder.Property(g => g.Description).HasMaxLength(Gift.MaxDescriptionLength);
        builder.Property(g => g.Collection).HasMaxLength(Gift.MaxCollectionLength);
        builder.Property(g => g.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Audience).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(g => new { g.State, g.Points });
        builder.HasOne<Partner>().WithMany().HasForeignKey(g => g.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GiftPhotoConfiguration : IEntityTypeConfiguration<GiftPhoto>
{
    public void Configure(EntityTypeBuilder<GiftPhoto> builder)
    {
        builder.ToTable("gift_photos");
        builder.HasKey(p => p.GiftId);
        builder.Property(p => p.GiftId).ValueGeneratedNever();
        builder.Property(p => p.ContentType).HasMaxLength(40);
        builder.HasOne<Gift>().WithOne().HasForeignKey<GiftPhoto>(p => p.GiftId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GiftOrderConfiguration : IEntityTypeConfiguration<GiftOrder>
{
    public void Configure(EntityTypeBuilder<GiftOrder> builder)
    {
        builder.ToTable("gift_orders", t =>
        {
            t.HasCheckConstraint("ck_gift_orders_points_positive", "points > 0");
            t.HasCheckConstraint("ck_gift_orders_delivery", "(delivery = 'Post' AND address IS NOT NULL) OR (delivery = 'Pickup' AND shop_id IS NOT NULL)");
        });
        builder.Property(o => o.GiftTitle).HasMaxLength(Gift.MaxTitleLength);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Address).HasMaxLength(GiftOrder.MaxAddressLength);
        builder.Property(o => o.TrackingNumber).HasMaxLength(GiftOrder.MaxTrackingLength);
        // A form's key is taken once: a double submit (or a retry) finds the first order.
        builder.HasIndex(o => new { o.MemberId, o.OrderKey }).IsUnique();
        builder.HasIndex(o => new { o.Status, o.PlacedAt });
        builder.HasOne<Gift>().WithMany().HasForeignKey(o => o.GiftId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shop>().WithMany().HasForeignKey(o => o.ShopId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GiftOrderEventConfiguration : IEntityTypeConfiguration<GiftOrderEvent>
{
    public void Configure(EntityTypeBuilder<GiftOrderEvent> builder)
    {
        builder.ToTable("gift_order_events");
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.By).HasMaxLength(Member.MaxNameLength);
        builder.Property(e => e.Note).HasMaxLength(GiftOrder.MaxNoteLength);
        // The flow never returns to a status, so each is reached once; it also keys the status mail.
        builder.HasIndex(e => new { e.OrderId, e.Status }).IsUnique();
        builder.HasOne<GiftOrder>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
