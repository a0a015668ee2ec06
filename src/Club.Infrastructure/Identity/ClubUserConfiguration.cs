using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Identity;

internal sealed class ClubUserConfiguration : IEntityTypeConfiguration<ClubUser>
{
    public void Configure(EntityTypeBuilder<ClubUser> builder)
    {
        // One account per phone number: sellers are called on it and buyers are found by it.
        // Identity checks uniqueness in code only; the index also holds under two simultaneous sign-ups.
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
        builder.HasIndex(u => u.PhoneNumber).IsUnique().HasFilter("phone_number IS NOT NULL");
        builder.Property(u => u.DeactivatedAt);
        builder.Property(u => u.LastSignInAt);
    }
}
