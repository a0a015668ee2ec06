using Club.Application.Abstractions;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>Corrections above the limit that wait for an Admin, oldest first.</summary>
public sealed record ListAdjustmentsToApproveQuery : IQuery<IReadOnlyList<AdjustmentToApprove>>;

public sealed record AdjustmentToApprove(
    Guid Id, Guid MemberId, string MemberName, int Amount, AdjustmentReason Reason, string Comment, string RequestedByName, DateTimeOffset RequestedAt);

public sealed class ListAdjustmentsToApproveHandler(IClubDbFactory dbFactory)
    : IQueryHandler<ListAdjustmentsToApproveQuery, IReadOnlyList<AdjustmentToApprove>>
{
    public async ValueTask<IReadOnlyList<AdjustmentToApprove>> Handle(ListAdjustmentsToApproveQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await (
                from a in db.PointsAdjustments
                join m in db.Members on a.MemberId equals m.Id
                join s in db.Members on a.RequestedBy equals s.Id
                where a.State == AdjustmentState.AwaitingApproval
                orderby a.RequestedAt
                select new AdjustmentToApprove(a.Id, a.MemberId, m.FullName, a.Amount, a.Reason, a.Comment, s.FullName, a.RequestedAt))
            .Take(200)
            .ToListAsync(cancellationToken);
    }
}
