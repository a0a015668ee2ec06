using Club.Domain.Members;
using Club.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class LegalDocumentConfiguration : IEntityTypeConfiguration<LegalDocument>
{
    public void Configure(EntityTypeBuilder<LegalDocument> builder)
    {
        builder.ToTable("legal_documents", t => t.HasCheckConstraint("ck_legal_documents_kind", "kind IN ('rules', 'privacy')"));
        builder.Property(d => d.Kind).HasMaxLength(20);
        builder.Property(d => d.BodyRu).HasMaxLength(LegalDocument.MaxBodyLength);
        builder.Property(d => d.BodyEn).HasMaxLength(LegalDocument.MaxBodyLength);
        builder.HasIndex(d => new { d.Kind, d.Version }).IsUnique();
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.PublishedBy).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MemberConsentConfiguration : IEntityTypeConfiguration<MemberConsent>
{
    public void Configure(EntityTypeBuilder<MemberConsent> builder)
    {
        builder.ToTable("member_consents");
        builder.HasKey(c => new { c.MemberId, c.Kind });
        builder.Property(c => c.Kind).HasMaxLength(20);
        builder.Property(c => c.Source).HasMaxLength(20);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccountDeletionConfiguration : IEntityTypeConfiguration<AccountDeletion>
{
    public void Configure(EntityTypeBuilder<AccountDeletion> builder)
    {
        builder.ToTable("account_deletions");
        builder.HasKey(d => d.MemberId);
        builder.Property(d => d.Source).HasMaxLength(20);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.RecordedBy).OnDelete(DeleteBehavior.SetNull);
        // The erasure job's queue: requests not carried out yet, by their date.
        builder.HasIndex(d => d.DueAt).HasFilter("erased_at IS NULL");
    }
}

internal sealed class ConsentChangeConfiguration : IEntityTypeConfiguration<ConsentChange>
{
    public void Configure(EntityTypeBuilder<ConsentChange> builder)
    {
        builder.ToTable("consent_changes");
        builder.Property(c => c.Kind).HasMaxLength(20);
        builder.Property(c => c.Source).HasMaxLength(20);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.ChangedBy).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.MemberId, c.ChangedAt });
    }
}
