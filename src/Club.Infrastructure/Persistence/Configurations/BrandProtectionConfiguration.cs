using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ItemLossConfiguration : IEntityTypeConfiguration<ItemLoss>
{
    public void Configure(EntityTypeBuilder<ItemLoss> builder)
    {
        builder.ToTable("item_losses");
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(l => l.PoliceReport).HasMaxLength(ItemLoss.MaxPoliceReportLength);
        builder.HasOne<Tag>().WithMany().HasForeignKey(l => l.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Cascade);

        // One standing report per item: a second click or a second tab finds it taken. The scan page
        // reads it by tag on every view.
        builder.HasIndex(l => l.TagId).IsUnique().HasFilter("cleared_at IS NULL").HasDatabaseName("ux_item_losses_open");
    }
}

internal sealed class ItemTransferCodeConfiguration : IEntityTypeConfiguration<ItemTransferCode>
{
    public void Configure(EntityTypeBuilder<ItemTransferCode> builder)
    {
        builder.ToTable("item_transfer_codes");
        builder.Property(c => c.CodeHash).HasMaxLength(32);
        builder.HasOne<Tag>().WithMany().HasForeignKey(c => c.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.FromMemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.UsedBy).OnDelete(DeleteBehavior.SetNull);

        // At most one open code per item (a new one cancels the old in the same transaction).
        builder.HasIndex(c => c.TagId).IsUnique().HasFilter("cancelled_at IS NULL AND used_at IS NULL").HasDatabaseName("ux_item_transfer_codes_open");
    }
}

internal sealed class ScanAlertConfiguration : IEntityTypeConfiguration<ScanAlert>
{
    public void Configure(EntityTypeBuilder<ScanAlert> builder)
    {
        builder.ToTable("scan_alerts");
        builder.Property(a => a.Rule).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Notes).HasMaxLength(ScanAlert.MaxNotesLength);
        builder.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.AcknowledgedBy).OnDelete(DeleteBehavior.SetNull);

        // One alert per rule, subject and window: the job inserts ON CONFLICT DO NOTHING, so a re-run adds nothing.
        builder.HasIndex(a => new { a.Rule, a.Subject, a.WindowStart }).IsUnique();
        builder.HasIndex(a => a.CreatedAt);
    }
}

internal sealed class ScanAlertSettingsConfiguration : IEntityTypeConfiguration<ScanAlertSettings>
{
    public void Configure(EntityTypeBuilder<ScanAlertSettings> builder)
    {
        builder.ToTable("scan_alert_settings", t =>
        {
            t.HasCheckConstraint("ck_scan_alert_settings_singleton", "id = 1");
            t.HasCheckConstraint("ck_scan_alert_settings_positive",
                "cloned_label_visitors > 0 AND unknown_serial_scans > 0 AND wrong_codes_per_tag > 0 AND repeat_buyer_items > 0 AND repeat_buyer_hours > 0");
        });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new ScanAlertSettings());
    }
}

internal sealed class TagWrongCodeWindowConfiguration : IEntityTypeConfiguration<TagWrongCodeWindow>
{
    public void Configure(EntityTypeBuilder<TagWrongCodeWindow> builder)
    {
        // Raised by every wrong code (an upsert on this key), read by the alert job for one window, deleted after a day.
        builder.ToTable("tag_wrong_code_windows");
        builder.HasKey(w => new { w.TagId, w.WindowStart });
        builder.HasIndex(w => w.WindowStart);
    }
}

internal sealed class SaleSuspicionConfiguration : IEntityTypeConfiguration<SaleSuspicion>
{
    public void Configure(EntityTypeBuilder<SaleSuspicion> builder)
    {
        builder.ToTable("sale_suspicions");
        // One row per sale and kind of evidence: the alert job re-finding it inserts ON CONFLICT DO NOTHING.
        builder.HasKey(s => new { s.SaleId, s.Kind });
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Sale>().WithMany().HasForeignKey(s => s.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.ReviewedBy).OnDelete(DeleteBehavior.SetNull);
        // The review queue reads the open ones.
        builder.HasIndex(s => s.SaleId).HasFilter("reviewed_at IS NULL").HasDatabaseName("ix_sale_suspicions_open");
    }
}
