using System.Security.Claims;
using Club.Application.Features.Privacy;
using Club.Domain.Members;
using Club.Web.Components.Shared;
using Mediator;

namespace Club.Web.Endpoints;

/// <summary>"Download my data": the signed-in member's own data as a ZIP of JSON files, never anyone else's.</summary>
public static class PrivacyEndpoints
{
    public const string ExportPath = "/cabinet/privacy/my-data.zip";

    public static void MapPrivacyEndpoints(this WebApplication app) =>
        app.MapGet(ExportPath, async (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var zip = await mediator.Send(new ExportMyDataQuery(user.MemberId()), cancellationToken);
            return Results.File(zip, "application/zip", "my-data.zip");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Buyer, Roles.Seller));
}
