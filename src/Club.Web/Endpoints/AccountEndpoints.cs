using Club.Application.Features.Accounts;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Club.Web.Endpoints;

public static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token, so another site cannot sign people out. A minimal
    /// endpoint that binds no form is not checked by the antiforgery middleware, hence the explicit check;
    /// a refused post becomes the "form not sent" page (RefusedFormMiddleware).
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/sign-out", async (HttpContext http, [FromServices] IAntiforgery antiforgery, [FromServices] IMediator mediator) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await mediator.Send(new SignOutCommand());
            return Results.LocalRedirect("/");
        }).DisableAntiforgery();
}
