using Club.Domain.Members;
using Club.Domain.News;

namespace Club.Application.Features.News;

/// <summary>Who belongs to a news item's audience, as SQL: the cabinet's list and the mail job ask the same question.</summary>
public static class NewsAudiences
{
    /// <summary>
    /// SQL true when the member <paramref name="member"/> (a column) belongs to the audience of the news
    /// row <paramref name="news"/> (an alias of news_items). Deactivated accounts are in no audience.
    /// </summary>
    public static string MemberInSql(string member, string news) => $"""
        NOT EXISTS (SELECT 1 FROM users du WHERE du.id = {member} AND du.deactivated_at IS NOT NULL)
        AND CASE {news}.audience
            WHEN '{nameof(NewsAudience.Buyers)}' THEN EXISTS (
                SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = {member} AND r.name = '{Roles.Buyer}')
            WHEN '{nameof(NewsAudience.Sellers)}' THEN EXISTS (
                SELECT 1 FROM members sm WHERE sm.id = {member} AND sm.seller_status = '{nameof(SellerStatus.Active)}')
            WHEN '{nameof(NewsAudience.PartnerBuyers)}' THEN EXISTS (
                SELECT 1 FROM tags t JOIN tag_batches b ON b.id = t.batch_id WHERE t.owner_member_id = {member} AND b.partner_id = {news}.partner_id)
            ELSE false END
        """;
}
