using Club.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Club.Web.Endpoints;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so a link on another site cannot sign people out.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/sign-out", async ([FromServices] SignInManager<ClubUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        });
}
