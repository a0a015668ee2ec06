using Club.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ActivitySettingsConfiguration : IEntityTypeConfiguration<ActivitySettings>
{
    public void Configure(EntityTypeBuilder<ActivitySettings> builder)
    {
        builder.ToTable("activity_settings", t => t.HasCheckConstraint("ck_activity_settings_singleton", "id = 1"));
        builder.Property(s => s.Id).ValueGeneratedNever();
        foreach (var url in new[] { nameof(ActivitySettings.VkUrl), nameof(ActivitySettings.InstagramUrl), nameof(ActivitySettings.FacebookUrl), nameof(ActivitySettings.YouTubeUrl), nameof(ActivitySettings.OkUrl) })
        {
            builder.Property(url).HasMaxLength(ActivitySettings.MaxUrlLength);
        }

        // The row always exists, so reading and saving the settings never has to create it.
        builder.HasData(new ActivitySettings());
    }
}
