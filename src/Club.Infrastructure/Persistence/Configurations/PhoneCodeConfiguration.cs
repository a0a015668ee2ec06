using Club.Domain.Activities;
using Club.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PhoneCodeConfiguration : IEntityTypeConfiguration<PhoneCode>
{
    public void Configure(EntityTypeBuilder<PhoneCode> builder)
    {
        // One live code per member: sending a new one replaces the old.
        builder.ToTable("phone_codes");
        builder.HasKey(c => c.MemberId);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.HasOne<Member>().WithOne().HasForeignKey<PhoneCode>(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
