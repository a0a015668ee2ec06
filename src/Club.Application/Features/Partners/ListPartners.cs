using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>Every partner for the back office's partner list, active ones first, with how many shops and sellers it has.</summary>
public sealed record ListPartnersQuery : IQuery<IReadOnlyList<PartnerRow>>;

public sealed record PartnerRow(int Id, string Name, string? LegalName, bool IsActive, int Shops, int ActiveShops, int Sellers);

public sealed class ListPartnersHandler(IClubDbFactory dbFactory) : IQueryHandler<ListPartnersQuery, IReadOnlyList<PartnerRow>>
{
    public async ValueTask<IReadOnlyList<PartnerRow>> Handle(ListPartnersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Partners
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.Name)
            .Select(p => new PartnerRow(
                p.Id, p.Name, p.LegalName, p.IsActive, p.Shops.Count, p.Shops.Count(s => s.IsActive),
                db.Members.Count(m => m.PartnerId == p.Id && m.SellerStatus == SellerStatus.Active)))
            .ToListAsync(cancellationToken);
    }
}
