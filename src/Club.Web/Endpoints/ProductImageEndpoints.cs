using Club.Application.Features.Products;
using Club.Domain.Products;
using Mediator;

namespace Club.Web.Endpoints;

public static class ProductImageEndpoints
{
    /// <summary>
    /// Picture for a product that has no photo yet: a drawing of its category in its metal's colour
    /// with its stone, so demo data and new products look like jewelry without shipping image files.
    /// </summary>
    public static void MapProductImageEndpoints(this IEndpointRouteBuilder app)
    {
        // A photo's id changes with its content (a new upload is a new row), so the URL may be cached for a year.
        // Public: product photos are shown to anyone who scans a tag.
        app.MapGet("/media/product-photos/{id:int}", (int id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
            ServePhotoAsync(id, thumbnail: false, mediator, http, cancellationToken));
        app.MapGet("/media/product-photos/{id:int}/thumb", (int id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
            ServePhotoAsync(id, thumbnail: true, mediator, http, cancellationToken));

        app.MapGet("/media/products/{sku}.svg", async (string sku, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
        {
            var look = await mediator.Send(new GetProductLookQuery(sku), cancellationToken);
            if (look is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(ProductImage.Svg(look), "image/svg+xml; charset=utf-8");
        });
    }

    private static async Task<IResult> ServePhotoAsync(int id, bool thumbnail, IMediator mediator, HttpContext http, CancellationToken cancellationToken)
    {
        var photo = await mediator.Send(new GetProductPhotoQuery(id, thumbnail), cancellationToken);
        if (photo is null)
        {
            return Results.NotFound();
        }

        var result = StoredFiles.Serve(http, photo.Content, photo.ContentType, photo.UploadedAt);
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return result;
    }
}

internal static class ProductImage
{
    public static string Svg(ProductLook look)
    {
        var metal = look.Metal.Contains("Золото", StringComparison.OrdinalIgnoreCase) || look.Metal.Contains("gold", StringComparison.OrdinalIgnoreCase)
            ? "#d4a437" : "#b8c2cc";
        var stone = look.Stone switch
        {
            null => null,
            var s when s.Contains("Аквамарин", StringComparison.OrdinalIgnoreCase) => "#5fc9d8",
            var s when s.Contains("Топаз", StringComparison.OrdinalIgnoreCase) => "#3d7fd9",
            var s when s.Contains("Жемчуг", StringComparison.OrdinalIgnoreCase) => "#f4efe6",
            _ => "#ffffff",
        };
        var stoneShape = stone is null ? "" : $"<circle cx='100' cy='{StoneY(look.Category)}' r='16' fill='{stone}' stroke='#667' stroke-width='2'/>";
        var body = look.Category switch
        {
            ProductCategories.Ring => $"<circle cx='100' cy='115' r='48' fill='none' stroke='{metal}' stroke-width='14'/>",
            ProductCategories.Earrings => $"<path d='M70 40 v30 M130 40 v30' stroke='{metal}' stroke-width='6'/><circle cx='70' cy='100' r='26' fill='none' stroke='{metal}' stroke-width='9'/><circle cx='130' cy='100' r='26' fill='none' stroke='{metal}' stroke-width='9'/>",
            ProductCategories.Pendant => $"<path d='M40 30 Q100 90 160 30' fill='none' stroke='{metal}' stroke-width='4'/><path d='M100 62 L135 110 L100 165 L65 110 Z' fill='none' stroke='{metal}' stroke-width='9'/>",
            ProductCategories.Bracelet => $"<ellipse cx='100' cy='105' rx='70' ry='45' fill='none' stroke='{metal}' stroke-width='14'/>",
            ProductCategories.Necklace => $"<path d='M30 30 Q100 170 170 30' fill='none' stroke='{metal}' stroke-width='8'/>",
            _ => $"<path d='M100 40 L120 90 L170 100 L120 115 L100 165 L80 115 L30 100 L80 90 Z' fill='none' stroke='{metal}' stroke-width='8'/>",
        };
        return $"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 200' role='img'><rect width='200' height='200' fill='#0f2a3a'/>{body}{stoneShape}</svg>";
    }

    private static int StoneY(string category) => category switch
    {
        ProductCategories.Ring => 67,
        ProductCategories.Earrings => 100,
        ProductCategories.Pendant => 112,
        ProductCategories.Necklace => 100,
        ProductCategories.Bracelet => 60,
        _ => 102,
    };
}
