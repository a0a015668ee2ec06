using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Members;

public sealed record GetMyProfileQuery(Guid MemberId) : IQuery<MyProfile>;

public sealed record MyProfile(
    Guid Id,
    string FullName,
    DateOnly? Birthday,
    string? City,
    string? PartnerName,
    string? ShopName,
    DateTimeOffset JoinedAt,
    SellerStatus? SellerStatus = null,
    string? Position = null)
{
    /// <summary>How other sellers see this seller's name (sellers only).</summary>
    public SellerNameDisplay NameToSellers { get; init; }
}

public sealed class GetMyProfileHandler(IClubDbFactory dbFactory) : IQueryHandler<GetMyProfileQuery, MyProfile>
{
    public async ValueTask<MyProfile> Handle(GetMyProfileQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var profile = await db.Members
            .Where(m => m.Id == query.MemberId)
            .Select(m => new MyProfile(
                m.Id,
                m.FullName,
                m.Birthday,
                m.City,
                db.Partners.Where(p => p.Id == m.PartnerId).Select(p => p.Name).FirstOrDefault(),
                db.Shops.Where(s => s.Id == m.ShopId).Select(s => s.Name).FirstOrDefault(),
                m.JoinedAt,
                m.SellerStatus,
                m.Position)
            {
                NameToSellers = m.NameToSellers,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return profile ?? throw new NotFoundException("Member not found.");
    }
}
