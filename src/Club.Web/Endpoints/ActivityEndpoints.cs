using System.Text;
using Club.Domain.Members;
using Club.Web.Components.Shared;
using Mediator;
using Club.Application.Features.Surveys;

namespace Club.Web.Endpoints;

public static class ActivityEndpoints
{
    /// <summary>
    /// A survey's answers as CSV for brand staff, and for a partner manager of their partner's buyer surveys
    /// (without who answered); UTF-8 with a byte order mark so spreadsheets read Cyrillic.
    /// </summary>
    public static void MapActivityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/manage/surveys/{id:int}/answers.csv", async (int id, IMediator mediator, HttpContext http) =>
        {
            var csv = await mediator.Send(new ExportSurveyAnswersQuery(id) { PartnerManagerId = http.User.PartnerManagerScope() }, http.RequestAborted);
            if (csv is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"survey-{id}-answers.csv");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin, Roles.PartnerManager));
}
