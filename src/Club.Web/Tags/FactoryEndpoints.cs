using Club.Application.Features.Tags;
using Club.Domain.Members;

namespace Club.Web.Tags;

public static class FactoryEndpoints
{
    /// <summary>Print files (secret: they show scratch codes) for factory staff only, never cached.</summary>
    public static void MapFactoryEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/factory/batches/{id:int}/files/{name}", async (int id, string name, ITagPrintFiles printFiles, HttpContext http) =>
        {
            var file = await printFiles.ReadAsync(id, name, http.RequestAborted);
            if (file is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            var type = name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? "application/pdf" : "text/csv";
            return Results.File(file, type, name);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.FactoryStaff, Roles.Admin));
}
