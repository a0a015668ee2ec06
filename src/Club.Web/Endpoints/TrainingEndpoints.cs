using Club.Application.Features.Training;
using Club.Domain.Media;
using Club.Domain.Members;
using Club.Web.Components.Shared;
using Mediator;

namespace Club.Web.Endpoints;

public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder app) =>
        // A lesson's picture (shown in the page) or PDF (downloaded). Brand staff get any file; sellers
        // those of published courses while active; everyone else the same 404 as for a missing file.
        app.MapGet("/media/lessons/{id:int}", async (int id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
        {
            var user = http.User;
            var staff = user.IsBrandStaff();
            if (!staff && !user.IsInRole(Roles.Seller))
            {
                return Results.NotFound();
            }

            var file = await mediator.Send(new GetLessonFileQuery(id, staff ? null : user.MemberId()), cancellationToken);
            return file is null
                ? Results.NotFound()
                : StoredFiles.Serve(http, file.Content, file.ContentType, file.UploadedAt, file.FileName, download: !FileSignature.IsPicture(file.ContentType));
        }).RequireAuthorization();
}
