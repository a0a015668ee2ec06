using Club.Application.Abstractions;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// The points entries of the partner's sellers (what they earned and what was taken back), oldest first,
/// after the cursor's entry id. Only sellers who work for the partner now: a seller who moved on takes
/// their history with them.
/// </summary>
public sealed record ListPartnerPointsQuery(int PartnerId, long After, int Limit) : IQuery<ApiPage<PartnerPointsEntry>>;

public sealed record PartnerPointsEntry(long Id, Guid SellerId, int Amount, PointsReason Reason, string ReferenceType, string ReferenceId, DateTimeOffset CreatedAt);

public sealed class ListPartnerPointsHandler(IClubDbFactory dbFactory) : IQueryHandler<ListPartnerPointsQuery, ApiPage<PartnerPointsEntry>>
{
    public async ValueTask<ApiPage<PartnerPointsEntry>> Handle(ListPartnerPointsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = await (
                from e in db.PointsEntries
                join m in db.Members on e.MemberId equals m.Id
                where m.PartnerId == query.PartnerId && m.SellerStatus != null && e.Id > query.After
                orderby e.Id
                select new PartnerPointsEntry(e.Id, e.MemberId, e.Amount, e.Reason, e.ReferenceType, e.ReferenceId, e.CreatedAt))
            .AsNoTracking().Take(query.Limit + 1).ToListAsync(cancellationToken);
        return ApiPaging.Page(rows, query.Limit, e => ApiPaging.IdCursor(e.Id));
    }
}
