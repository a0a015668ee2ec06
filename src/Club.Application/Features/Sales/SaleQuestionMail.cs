using System.Globalization;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// The mail that asks a buyer "did this seller sell you the item?" when a seller claims an item the buyer
/// has registered. Queued in the claim's own transaction, keyed sale-question:{id}, so it goes exactly
/// when the claim exists; the link opens the item in the buyer's cabinet, where the question waits.
/// </summary>
public sealed class SaleQuestionMail(ITagCodes codes, IPublicAddress address)
{
    public const string Template = "SaleQuestion";

    public async Task AskAsync(IClubDb db, long saleId, DateTimeOffset now, int answerDays, CancellationToken cancellationToken)
    {
        var question = await (
                from s in db.Sales
                where s.Id == saleId
                join t in db.Tags on s.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                join seller in db.Members on s.SellerId equals seller.Id
                join shop in db.Shops on s.ShopId equals shop.Id
                select new { t.Id, t.OwnerMemberId, Product = p.Name, Seller = seller.FullName, Shop = shop.Name })
            .AsNoTracking().SingleAsync(cancellationToken);
        if (question.OwnerMemberId is not { } buyer)
        {
            return;
        }

        var values = new Dictionary<string, string>
        {
            ["Seller"] = SaleClaims.FirstName(question.Seller),
            ["Shop"] = question.Shop,
            ["Product"] = question.Product,
            ["Days"] = answerDays.ToString(CultureInfo.InvariantCulture),
            ["Link"] = address.Link($"/cabinet/items/{codes.SerialOf(question.Id)}"),
        };
        await MailOutboxWriter.InsertAsync(db.Database, $"sale-question:{saleId}", buyer, Template, JsonSerializer.Serialize(values), [], now, cancellationToken);
    }
}
