using System.Globalization;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Catalog;
using Club.Domain.Catalog;
using Club.Web.Components.Shared;
using Mediator;

namespace Club.Web.Endpoints;

public static class GiftEndpoints
{
    public static void MapGiftEndpoints(this IEndpointRouteBuilder app)
    {
        // The version in the URL changes with every new photo, so a photo may be cached for a year.
        app.MapGet("/media/gifts/{id:int}/{version:int}", async (int id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
        {
            var photo = await mediator.Send(new GetGiftPhotoQuery(id, http.User.IsBrandStaff() ? null : http.User.GiftViewer()), cancellationToken);
            return photo is null ? Results.NotFound() : StoredFiles.Serve(http, photo.Content, photo.ContentType, photo.UploadedAt);
        }).RequireAuthorization();

        // The warehouse's pick list: the desk's current filter as CSV (UTF-8 with BOM so Excel reads Cyrillic).
        app.MapGet("/manage/orders.csv", async (GiftOrderStatus? status, GiftDelivery? delivery, string? search, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var orders = await mediator.Send(new ListGiftOrdersQuery(status, Delivery: delivery, Search: search, Limit: 100_000), cancellationToken);
            var csv = new StringBuilder("order,placed_at,status,gift,points,member,email,phone,delivery,address,shop,tracking\r\n");
            foreach (var o in orders)
            {
                csv.AppendJoin(',', [
                    o.Id.ToString(CultureInfo.InvariantCulture), o.PlacedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), o.Status.ToString(),
                    CsvText.Quote(o.GiftTitle), o.Points.ToString(CultureInfo.InvariantCulture), CsvText.Quote(o.MemberName), CsvText.Quote(o.Email), CsvText.Quote(o.Phone),
                    o.Delivery.ToString(), CsvText.Quote(o.Address), CsvText.Quote(o.ShopName), CsvText.Quote(o.TrackingNumber)]).Append("\r\n");
            }

            var name = $"gift-orders-{DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
            return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", name);
        }).RequireAuthorization(policy => policy.RequireRole(Club.Domain.Members.Roles.ProgramManager, Club.Domain.Members.Roles.Admin));
    }
}
