using Club.Domain.Activities;
using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class LeaderboardMonthConfiguration : IEntityTypeConfiguration<LeaderboardMonth>
{
    public void Configure(EntityTypeBuilder<LeaderboardMonth> builder)
    {
        builder.ToTable("leaderboard_months");

        // One frozen board per month and partner (null = all partners): two first reads at once freeze it once.
        builder.HasIndex(b => new { b.Month, b.PartnerId }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<Partner>().WithMany().HasForeignKey(b => b.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contest>().WithMany().HasForeignKey(b => b.PrizeContestId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeaderboardStandingConfiguration : IEntityTypeConfiguration<LeaderboardStanding>
{
    public void Configure(EntityTypeBuilder<LeaderboardStanding> builder)
    {
        builder.ToTable("leaderboard_standings");
        builder.HasKey(s => new { s.BoardId, s.SellerId });
        builder.HasIndex(s => new { s.BoardId, s.Place });
        builder.HasOne<LeaderboardMonth>().WithMany().HasForeignKey(s => s.BoardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.SellerId).OnDelete(DeleteBehavior.Cascade);
    }
}
