using Club.Domain.Welcome;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class WelcomeBonusSettingsConfiguration : IEntityTypeConfiguration<WelcomeBonusSettings>
{
    public void Configure(EntityTypeBuilder<WelcomeBonusSettings> builder)
    {
        builder.ToTable("welcome_bonus_settings", t =>
        {
            t.HasCheckConstraint("ck_welcome_bonus_settings_singleton", $"id = {WelcomeBonusSettings.SingletonId}");
            t.HasCheckConstraint("ck_welcome_bonus_settings_lifetime", $"lifetime_months BETWEEN 1 AND {WelcomeBonusSettings.MaxLifetimeMonths}");
        });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.PaidWhen).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.TextRu).HasMaxLength(WelcomeBonusSettings.MaxTextLength);
        builder.Property(s => s.TextEn).HasMaxLength(WelcomeBonusSettings.MaxTextLength);
        builder.Property(s => s.UpdatedBy).HasMaxLength(200);

        // The row always exists (off), so reading and saving never has to create it.
        builder.HasData(new WelcomeBonusSettings());
    }
}
