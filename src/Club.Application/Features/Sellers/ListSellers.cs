using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// The program managers' activation queue: sellers in one state (Pending by default, oldest first),
/// with the phone number to call and each seller's decision history.
/// </summary>
public sealed record ListSellersQuery(SellerStatus Status = SellerStatus.Pending, int Limit = 200) : IQuery<IReadOnlyList<SellerRow>>;

public sealed record SellerRow(
    Guid Id, string FullName, string? Phone, string? Email, string? PartnerName, string? ShopName, string? Position,
    SellerStatus Status, DateTimeOffset JoinedAt, IReadOnlyList<SellerDecisionRow> History);

public sealed record SellerDecisionRow(SellerStatus From, SellerStatus To, string? Note, string DecidedBy, DateTimeOffset DecidedAt);

public sealed class ListSellersHandler(IClubDbFactory dbFactory) : IQueryHandler<ListSellersQuery, IReadOnlyList<SellerRow>>
{
    public async ValueTask<IReadOnlyList<SellerRow>> Handle(ListSellersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var status = query.Status.ToString();
        var limit = Math.Clamp(query.Limit, 1, 1000);
        // The phone and email live in the accounts table (Identity), which handlers do not map. Column
        // names are snake_case: the naming convention applies to SqlQuery results too.
        var sellers = await db.Database.SqlQuery<SellerFacts>($"""
            SELECT m.id, m.full_name, u.phone_number AS phone, u.email,
                   p.name AS partner_name, s.name AS shop_name, m.position, m.joined_at
            FROM members m
            JOIN users u ON u.id = m.id
            LEFT JOIN partners p ON p.id = m.partner_id
            LEFT JOIN shops s ON s.id = m.shop_id
            WHERE m.seller_status = {status}
            ORDER BY m.joined_at, m.id
            LIMIT {limit}
            """).ToListAsync(cancellationToken);

        var ids = sellers.Select(s => s.Id).ToList();
        var history = await (
                from d in db.SellerDecisions
                where ids.Contains(d.SellerId)
                join manager in db.Members on d.DecidedBy equals manager.Id
                orderby d.DecidedAt
                select new { d.SellerId, Row = new SellerDecisionRow(d.From, d.To, d.Note, manager.FullName, d.DecidedAt) })
            .ToListAsync(cancellationToken);
        var bySeller = history.ToLookup(h => h.SellerId, h => h.Row);

        return sellers
            .Select(s => new SellerRow(s.Id, s.FullName, s.Phone, s.Email, s.PartnerName, s.ShopName, s.Position, query.Status, s.JoinedAt,
                bySeller[s.Id].ToList()))
            .ToList();
    }

    private sealed record SellerFacts(
        Guid Id, string FullName, string? Phone, string? Email, string? PartnerName, string? ShopName, string? Position, DateTimeOffset JoinedAt);
}
