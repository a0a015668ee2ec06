using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// Where a member's seller account stands (null: not a seller), so pages offer the sale form only to an
/// active seller and tell the others why.
/// </summary>
public sealed record GetSellerStatusQuery(Guid MemberId) : IQuery<SellerStatus?>;

public sealed class GetSellerStatusHandler(IClubDbFactory dbFactory) : IQueryHandler<GetSellerStatusQuery, SellerStatus?>
{
    public async ValueTask<SellerStatus?> Handle(GetSellerStatusQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Members.AsNoTracking().Where(m => m.Id == query.MemberId).Select(m => m.SellerStatus).SingleOrDefaultAsync(cancellationToken);
    }
}
