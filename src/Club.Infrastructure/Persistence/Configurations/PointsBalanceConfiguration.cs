using Club.Domain.Members;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class PointsBalanceConfiguration : IEntityTypeConfiguration<PointsBalance>
{
    private const string MemberRef = "MemberRef";
    private const string AccountRef = "AccountRef";

    public void Configure(EntityTypeBuilder<PointsBalance> builder)
    {
        builder.ToTable("points_balances", t =>
        {
            t.HasCheckConstraint("ck_points_balances_not_negative", "balance >= 0");
            t.HasCheckConstraint("ck_points_balances_debt_not_negative", "debt >= 0");
        });
        builder.HasKey(b => b.MemberId);
        builder.Property(b => b.AccountKind).HasConversion<string>().HasMaxLength(20).HasDefaultValue(PointsAccountKind.Member);
        builder.Property(b => b.Debt).HasDefaultValue(0);
        // Every credit and debit rewrites the member's row: with half of each page kept free the new row
        // version fits beside the old one (a HOT update, no new index entry), so a job crediting a million
        // members writes about half the WAL and CPU it would on packed pages.
        builder.HasStorageParameter("fillfactor", 50);

        // The account is a member or a non-member account (PointsAccount): each kind has a foreign key of
        // its own, on a stored column that holds the id only for that kind (a NULL key is not checked).
        builder.Property<Guid?>(MemberRef).HasComputedColumnSql($"CASE WHEN account_kind = '{PointsAccountKind.Member}' THEN member_id END", stored: true);
        builder.Property<Guid?>(AccountRef).HasComputedColumnSql($"CASE WHEN account_kind <> '{PointsAccountKind.Member}' THEN member_id END", stored: true);
        builder.HasOne<Member>().WithMany().HasForeignKey(MemberRef).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PointsAccount>().WithMany().HasForeignKey(AccountRef).OnDelete(DeleteBehavior.Restrict);
        // Only non-member rows have an account_ref: a member's new balance row costs no entry in this index.
        builder.HasIndex(AccountRef).HasFilter("account_ref IS NOT NULL");
    }
}
