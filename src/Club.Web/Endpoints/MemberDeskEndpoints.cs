using System.Globalization;
using Club.Application.Features.Points;
using Club.Application.Features.Tags;
using Club.Domain.Members;
using Mediator;

namespace Club.Web.Endpoints;

public static class MemberDeskEndpoints
{
    /// <summary>The member desk's files: replacement labels and the points liability.</summary>
    public static void MapMemberDeskEndpoints(this IEndpointRouteBuilder app)
    {
        MapReplacementLabels(app);
        MapLiabilityFiles(app);
    }

    /// <summary>The points liability page's figures as XLSX or CSV, in the reader's language, never cached.</summary>
    private static void MapLiabilityFiles(IEndpointRouteBuilder app) =>
        app.MapGet("/manage/liability.{format:regex(^(csv|xlsx)$)}", async (string format, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var liability = await mediator.Send(new GetPointsLiabilityQuery(), cancellationToken);
            var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ru";
            http.Response.Headers.CacheControl = "no-store";
            return format == "csv"
                ? Results.File(LiabilityFiles.ToCsv(liability, culture), "text/csv; charset=utf-8", LiabilityFiles.FileName(liability, "csv"))
                : Results.File(LiabilityFiles.ToXlsx(liability, culture), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    LiabilityFiles.FileName(liability, "xlsx"));
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin));

    /// <summary>
    /// A returned item's replacement label (it shows the new scratch code) for the member desk's staff:
    /// only replacement labels, from the batch's print files, never cached.
    /// </summary>
    private static void MapReplacementLabels(IEndpointRouteBuilder app) =>
        app.MapGet("/manage/batches/{id:int}/replacement-labels/{name}", async (int id, string name, ITagPrintFiles printFiles, HttpContext http) =>
        {
            var file = name.StartsWith("replacement-", StringComparison.Ordinal) && name.EndsWith(".pdf", StringComparison.Ordinal)
                ? await printFiles.ReadAsync(id, name, http.RequestAborted)
                : null;
            if (file is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.File(file, "application/pdf", name);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin));
}
