using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>One partner with its shops, for the partner's back-office page; null when there is no such partner.</summary>
public sealed record GetPartnerQuery(int Id) : IQuery<PartnerDetails?>;

/// <summary>A partner as its edit form shows it; Version is the row version the form sends back, so a concurrent edit is noticed.</summary>
public sealed record PartnerDetails(
    int Id, uint Version, string Name, string? LegalName, string? Contact, bool IsActive, IReadOnlyList<ShopDetails> Shops, bool SellersActivatedByPartner = false);

/// <summary>A shop; Sellers counts its working sellers (active or waiting for activation): closing the shop asks what happens to them.</summary>
public sealed record ShopDetails(int Id, uint Version, string Name, string City, string Street, string? Phone, bool IsActive, int Sellers);

public sealed class GetPartnerHandler(IClubDbFactory dbFactory) : IQueryHandler<GetPartnerQuery, PartnerDetails?>
{
    public async ValueTask<PartnerDetails?> Handle(GetPartnerQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken);
        if (partner is null)
        {
            return null;
        }

        var shops = await db.Shops
            .Where(s => s.PartnerId == query.Id)
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.Name)
            .Select(s => new ShopDetails(
                s.Id, s.Version, s.Name, s.Address.City, s.Address.Street, s.Phone, s.IsActive,
                db.Members.Count(m => m.ShopId == s.Id && (m.SellerStatus == SellerStatus.Active || m.SellerStatus == SellerStatus.Pending))))
            .ToListAsync(cancellationToken);
        return new PartnerDetails(partner.Id, partner.Version, partner.Name, partner.LegalName, partner.Contact, partner.IsActive, shops, partner.SellersActivatedByPartner);
    }
}
