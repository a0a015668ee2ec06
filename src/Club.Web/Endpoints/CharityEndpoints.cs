using System.Text;
using Club.Application.Features.Charity;
using Club.Domain.Members;
using Mediator;

namespace Club.Web.Endpoints;

public static class CharityEndpoints
{
    /// <summary>A campaign's report as CSV for brand staff; UTF-8 with a byte order mark so spreadsheets read Cyrillic.</summary>
    public static void MapCharityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/manage/charity/{id:int}/report.csv", async (int id, IMediator mediator, HttpContext http) =>
        {
            var csv = await mediator.Send(new ExportCharityReportQuery(id), http.RequestAborted);
            if (csv is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"charity-{id}.csv");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin));
}
