using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// The seller's printable card: their code and its QR, which a buyer scans to name them as the seller of
/// an item. The code is made the first time the card is opened.
/// </summary>
public sealed record GetMySellerCardCommand(Guid SellerId) : ICommand<MySellerCard>;

public sealed record MySellerCard(string Code, string Link, string QrImage, string SellerName, string? ShopName);

public sealed class GetMySellerCardHandler(IClubDbFactory dbFactory, IPublicAddress address, IQrImages qr, TimeProvider clock)
    : ICommandHandler<GetMySellerCardCommand, MySellerCard>
{
    public async ValueTask<MySellerCard> Handle(GetMySellerCardCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var seller = await db.Members.AsNoTracking()
            .Where(m => m.Id == command.SellerId)
            .Select(m => new { m.FullName, Shop = db.Shops.Where(s => s.Id == m.ShopId).Select(s => s.Name).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such seller.");
        // Two first visits at once: one code stays (the member's row is the key), the other insert does nothing.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO seller_cards (seller_id, code, created_at) VALUES ({command.SellerId}, {SellerCards.NewCode()}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        var code = await db.SellerCards.Where(c => c.SellerId == command.SellerId).Select(c => c.Code).SingleAsync(cancellationToken);
        var link = address.Link(SellerCards.PathOf(code));
        return new MySellerCard(code, link, qr.PngDataUri(link), SaleClaims.FirstName(seller.FullName), seller.Shop);
    }
}
