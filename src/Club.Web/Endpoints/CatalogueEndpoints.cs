using Club.Application.Features.Brand;
using Club.Application.Features.Products;
using Club.Domain.Members;
using Mediator;

namespace Club.Web.Endpoints;

public static class CatalogueEndpoints
{
    /// <summary>The catalogue as a spreadsheet (in the layout the import reads back), and the brand's logo.</summary>
    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/manage/products/export.{format:regex(^(xlsx|csv)$)}", async (string format, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var file = await mediator.Send(new ExportCatalogueQuery(Csv: format == "csv"), cancellationToken);
            return Results.File(file.Content, file.ContentType, file.FileName);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin));

        // The version in the URL changes with every new logo, so it may be cached for a year; public, as it is in every header.
        app.MapGet("/media/brand-logo/{version:int}", async (IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
        {
            var logo = await mediator.Send(new GetBrandLogoQuery(), cancellationToken);
            if (logo is null)
            {
                return Results.NotFound();
            }

            var result = StoredFiles.Serve(http, logo.Content, logo.ContentType, logo.UploadedAt);
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return result;
        });
    }
}
