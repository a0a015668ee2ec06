using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.FullName).HasMaxLength(Member.MaxNameLength);
        builder.Property(m => m.City).HasMaxLength(Member.MaxCityLength);
        builder.Property(m => m.Culture).HasMaxLength(5);
        builder.Property(m => m.Position).HasMaxLength(Member.MaxPositionLength);
        builder.Property(m => m.SellerStatus).HasConversion<string>().HasMaxLength(20);
        // The database default serves rows inserted by SQL (demo data, tests); the explicit sentinel says EF may
        // leave Initials, the CLR default, to it, as the two are the same value (no start-up warning 20601).
        builder.Property(m => m.NameToSellers).HasConversion<string>().HasMaxLength(20)
            .HasDefaultValueSql($"'{SellerNameDisplay.Initials}'").HasSentinel(SellerNameDisplay.Initials);
        builder.HasOne<ClubUser>().WithOne(u => u.Member).HasForeignKey<Member>(m => m.Id).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Partner>().WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shop>().WithMany().HasForeignKey(m => m.ShopId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.PartnerId);
        // The activation queue: pending sellers, oldest first.
        builder.HasIndex(m => new { m.SellerStatus, m.JoinedAt }).HasFilter("seller_status IS NOT NULL");
    }
}
