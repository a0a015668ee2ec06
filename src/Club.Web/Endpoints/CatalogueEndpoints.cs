using Club.Application.Features.Products;
using Club.Domain.Members;
using Mediator;

namespace Club.Web.Endpoints;

public static class CatalogueEndpoints
{
    /// <summary>The catalogue as a spreadsheet, in the layout the import reads back.</summary>
    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/manage/products/export.{format:regex(^(xlsx|csv)$)}", async (string format, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var file = await mediator.Send(new ExportCatalogueQuery(Csv: format == "csv"), cancellationToken);
            return Results.File(file.Content, file.ContentType, file.FileName);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin));
    }
}
