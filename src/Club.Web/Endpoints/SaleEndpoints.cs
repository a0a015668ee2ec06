using Club.Application.Features.Sales;
using Club.Domain.Members;
using Club.Web.Components.Shared;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Club.Web.Endpoints;

public static class SaleEndpoints
{
    /// <summary>
    /// The buyer's yes or no to "did this seller sell you the item?", posted from the cabinet, the scan
    /// page or the item page alike, then back to the item page with the answer's result at the top. An
    /// endpoint rather than a page form because the same small form appears on several pages.
    /// </summary>
    public static void MapSaleEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/cabinet/sales/{id:long}/answer", async (long id, HttpContext http, [FromServices] IAntiforgery antiforgery, [FromServices] IMediator mediator) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            // Only the two buttons answer: a post without one (Enter, a stale form) must not decline a paid sale.
            var answer = form["answer"].ToString();
            if (answer is not ("yes" or "no"))
            {
                return Results.BadRequest();
            }

            var yes = answer == "yes";
            var result = await mediator.Send(new AnswerSaleClaimCommand(http.User.MemberId(), id, yes), http.RequestAborted);
            var outcome = !result.Succeeded ? "closed" : yes ? "yes" : "no";
            // Back to the item the question was about; only a serial's characters go into the path.
            var serial = new string(form["serial"].ToString().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
            return Results.LocalRedirect(serial.Length > 0 ? $"/cabinet/items/{serial}?answer={outcome}" : $"/cabinet?answer={outcome}");
        }).DisableAntiforgery().RequireAuthorization(policy => policy.RequireRole(Roles.Buyer));
}
