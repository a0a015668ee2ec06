using Club.Application.Features.News;
using Mediator;

namespace Club.Web.Endpoints;

public static class NewsEndpoints
{
    /// <summary>A news item's picture for signed-in members and staff (re-encoded at upload, so served as stored).</summary>
    public static void MapNewsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/news/{id:int}/picture", async (int id, IMediator mediator, HttpContext http) =>
        {
            var picture = await mediator.Send(new GetNewsPictureQuery(id), http.RequestAborted);
            if (picture is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.File(picture.Content, picture.ContentType);
        }).RequireAuthorization();
}
