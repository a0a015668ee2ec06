using Club.Application.Features.Tags;
using Club.Domain.Members;

namespace Club.Web.Endpoints;

public static class MemberDeskEndpoints
{
    /// <summary>
    /// A returned item's replacement label (it shows the new scratch code) for the member desk's staff:
    /// only replacement labels, from the batch's print files, never cached.
    /// </summary>
    public static void MapMemberDeskEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/manage/batches/{id:int}/replacement-labels/{name}", (int id, string name, ITagPrintFiles printFiles, HttpContext http) =>
        {
            var file = name.StartsWith("replacement-", StringComparison.Ordinal) && name.EndsWith(".pdf", StringComparison.Ordinal)
                ? printFiles.List(id).FirstOrDefault(f => Path.GetFileName(f) == name)
                : null;
            if (file is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.File(file, "application/pdf", name);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin));
}
