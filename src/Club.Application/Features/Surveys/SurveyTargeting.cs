using Club.Application.Abstractions;
using Club.Domain.Activities;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>
/// Which open surveys a member may answer. In SQL because roles live in Identity's tables:
/// Buyers = accounts with the Buyer role; Sellers = active sellers; PartnerPeople = the partner's active
/// sellers and its managers; PartnerBuyers = owners of an item shipped to the partner or
/// sold by its sellers; BuyersAfterItem = buyers with an item registered at least N days ago.
/// </summary>
public static class SurveyTargeting
{
    public static Task<List<int>> OpenSurveysForAsync(IClubDb db, Guid memberId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            SELECT s.id AS "Value"
            FROM surveys s JOIN members m ON m.id = {memberId}
            WHERE s.opens_at <= {now} AND s.closes_at > {now}
              AND CASE s.target
                WHEN {nameof(SurveyTarget.Buyers)} THEN EXISTS (
                    SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                    WHERE ur.user_id = m.id AND r.name = 'Buyer')
                WHEN {nameof(SurveyTarget.Sellers)} THEN m.seller_status = 'Active'
                WHEN {nameof(SurveyTarget.PartnerPeople)} THEN m.partner_id = s.partner_id AND coalesce(m.seller_status, 'Active') = 'Active'
                WHEN {nameof(SurveyTarget.PartnerBuyers)} THEN EXISTS (
                    SELECT 1 FROM tags t
                    WHERE t.owner_member_id = m.id
                      AND (EXISTS (SELECT 1 FROM tag_batches b WHERE b.id = t.batch_id AND b.partner_id = s.partner_id)
                        OR EXISTS (SELECT 1 FROM sales x WHERE x.tag_id = t.id AND x.partner_id = s.partner_id AND x.state = {nameof(SaleState.Confirmed)})))
                WHEN {nameof(SurveyTarget.BuyersAfterItem)} THEN EXISTS (
                    SELECT 1 FROM tags t
                    WHERE t.owner_member_id = m.id AND t.registered_at <= {now} - make_interval(days => s.days_after_item))
                ELSE false END
            ORDER BY s.closes_at, s.id
            """).ToListAsync(cancellationToken);
}
