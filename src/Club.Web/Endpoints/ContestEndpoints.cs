using Club.Application.Features.Contests;
using Club.Domain.Members;
using Club.Web.Components.Shared;
using Mediator;

namespace Club.Web.Endpoints;

public static class ContestEndpoints
{
    public static void MapContestEndpoints(this IEndpointRouteBuilder app)
    {
        // An entry's photo, for brand staff judging the contest and for the member who sent it.
        app.MapGet("/contests/entries/{id:long}/photo", async (long id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
        {
            var staff = http.User.IsInRole(Roles.ProgramManager) || http.User.IsInRole(Roles.Admin);
            var photo = await mediator.Send(new GetContestEntryPhotoQuery(id, http.User.MemberId(), staff), cancellationToken);
            return photo is null ? Results.NotFound() : StoredFiles.Serve(http, photo.Content, photo.ContentType, photo.At);
        }).RequireAuthorization();
    }
}
