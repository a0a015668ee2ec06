using Club.Application.Abstractions;

namespace Club.Web.Endpoints;

/// <summary>
/// A handler's <see cref="NotFoundException"/> (unknown id, or another partner's data) becomes a 404
/// page rather than a 500, so probing ids by URL tells nothing.
/// </summary>
internal sealed class NotFoundMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (NotFoundException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
