using System.Globalization;
using System.Text;
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
                    Quote(o.GiftTitle), o.Points.ToString(CultureInfo.InvariantCulture), Quote(o.MemberName), Quote(o.Email), Quote(o.Phone),
                    o.Delivery.ToString(), Quote(o.Address), Quote(o.ShopName), Quote(o.TrackingNumber)]).Append("\r\n");
            }

            var name = $"gift-orders-{DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
            return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", name);
        }).RequireAuthorization(policy => policy.RequireRole(Club.Domain.Members.Roles.ProgramManager, Club.Domain.Members.Roles.Admin));
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs a member's text as a formula.</summary>
    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var safe = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
