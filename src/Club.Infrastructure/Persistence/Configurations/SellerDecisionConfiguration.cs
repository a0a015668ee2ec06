using Club.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class SellerDecisionConfiguration : IEntityTypeConfiguration<SellerDecision>
{
    public void Configure(EntityTypeBuilder<SellerDecision> builder)
    {
        builder.ToTable("seller_decisions");
        builder.Property(d => d.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Note).HasMaxLength(SellerDecision.MaxNoteLength);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.SellerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.DecidedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.SellerId, d.DecidedAt });
    }
}
