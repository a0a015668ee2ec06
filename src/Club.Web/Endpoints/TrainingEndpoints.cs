using Club.Application.Features.Training;
using Club.Domain.Media;
using Club.Domain.Members;
using Club.Web.Components.Shared;
using Mediator;

namespace Club.Web.Endpoints;

public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder app) =>
        // A lesson's picture (shown in the page) or PDF (downloaded). Brand staff get any file; partner
        // managers those of their partner's courses; sellers those of the published courses they may read
        // while active; everyone else the same 404 as for a missing file.
        app.MapGet("/media/lessons/{id:int}", async (int id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
        {
            var user = http.User;
            var staff = user.IsBrandStaff();
            var manager = !staff && user.IsInRole(Roles.PartnerManager);
            if (!staff && !manager && !user.IsInRole(Roles.Seller))
            {
                return Results.NotFound();
            }

            var query = staff || manager
                ? new GetLessonFileQuery(id, null) { PartnerManagerId = user.PartnerManagerScope() }
                : new GetLessonFileQuery(id, user.MemberId());
            var file = await mediator.Send(query, cancellationToken);
            return file is null
                ? Results.NotFound()
                : StoredFiles.Serve(http, file.Content, file.ContentType, file.UploadedAt, file.FileName, download: !FileSignature.IsPicture(file.ContentType));
        }).RequireAuthorization();
}
