using Club.Domain.Members;
using Club.Domain.News;

namespace Club.Application.Features.News;

/// <summary>Who belongs to a news item's audience, as SQL: the cabinet's list and the mail job ask the same question.</summary>
public static class NewsAudiences
{
    /// <summary>
    /// SQL true when the member <paramref name="member"/> (a column) belongs to the audience of the news
    /// row <paramref name="news"/> (an alias of news_items) at the moment <paramref name="now"/> (SQL of a
    /// timestamp: the Collector status is held for a year). Deactivated accounts are in no audience.
    /// A tier's audience is the members the last TierEvaluation run put at that level or higher.
    /// </summary>
    public static string MemberInSql(string member, string news, string now) => $"""
        NOT EXISTS (SELECT 1 FROM users du WHERE du.id = {member} AND du.deactivated_at IS NOT NULL)
        AND CASE {news}.audience
            WHEN '{nameof(NewsAudience.Buyers)}' THEN EXISTS (
                SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = {member} AND r.name = '{Roles.Buyer}')
            WHEN '{nameof(NewsAudience.Sellers)}' THEN EXISTS (
                SELECT 1 FROM members sm WHERE sm.id = {member} AND sm.seller_status = '{nameof(SellerStatus.Active)}')
            WHEN '{nameof(NewsAudience.PartnerBuyers)}' THEN EXISTS (
                SELECT 1 FROM tags t JOIN tag_batches b ON b.id = t.batch_id WHERE t.owner_member_id = {member} AND b.partner_id = {news}.partner_id)
            WHEN '{nameof(NewsAudience.Tier)}' THEN EXISTS (
                SELECT 1 FROM member_tiers mt WHERE mt.member_id = {member} AND mt.level >= {news}.tier_level)
            WHEN '{nameof(NewsAudience.CollectorHolders)}' THEN EXISTS (
                SELECT 1 FROM collector_statuses cs WHERE cs.member_id = {member} AND cs.valid_from <= {now} AND cs.valid_until > {now})
            ELSE false END
        """;
}
