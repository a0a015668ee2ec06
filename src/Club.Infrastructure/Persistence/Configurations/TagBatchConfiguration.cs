using Club.Domain.Partners;
using Club.Domain.Products;
using Club.Domain.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class TagBatchConfiguration : IEntityTypeConfiguration<TagBatch>
{
    public void Configure(EntityTypeBuilder<TagBatch> builder)
    {
        builder.ToTable("tag_batches", t =>
        {
            t.HasCheckConstraint("ck_tag_batches_quantity", $"quantity BETWEEN 1 AND {TagBatch.MaxQuantity}");
            t.HasCheckConstraint("ck_tag_batches_first_tag_id", "first_tag_id >= 1");
        });
        builder.Property(b => b.TemplateName).HasMaxLength(100);
        builder.Property(b => b.CreatedBy).HasMaxLength(200);
        builder.Property(b => b.Note).HasMaxLength(TagBatch.MaxNoteLength);
        builder.Property(b => b.State).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(b => b.FirstTagId).IsUnique();
        builder.HasIndex(b => b.CreatedAt);
        builder.HasOne<Product>().WithMany().HasForeignKey(b => b.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(b => b.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(b => b.Number);
        builder.Ignore(b => b.LastTagId);
    }
}
