using Club.Application.Features.Verification;
using Club.Domain.Members;
using Club.Web.Components.Shared;
using Mediator;

namespace Club.Web.Endpoints;

public static class TagReportEndpoints
{
    public static void MapTagReportEndpoints(this IEndpointRouteBuilder app)
    {
        // A report's photo, for the staff who may see the report (a partner manager: their partner's tags only).
        app.MapGet("/manage/reports-desk/{id:long}/photo", async (long id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
        {
            var photo = await mediator.Send(new GetTagReportPhotoQuery(http.User.MemberId(), id), cancellationToken);
            return photo is null ? Results.NotFound() : StoredFiles.Serve(http, photo.Content, photo.ContentType, photo.At);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin, Roles.PartnerManager));
    }
}
