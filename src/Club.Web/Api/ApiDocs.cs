using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Club.Web.Api;

/// <summary>
/// The API's OpenAPI document (/api/openapi/v1.json, generated from the endpoints) and its readable
/// reference (/api/docs, Scalar, whose script is served from the package, not a CDN).
/// </summary>
public static class ApiDocs
{
    public const string DocumentPath = "/api/openapi/{documentName}.json";
    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddPartnerApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            // Only the partners' API: the site's own form posts and downloads are not part of it.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Club partner API";
                document.Info.Version = "v1";
                document.Info.Description = "Tag status, sales from tills and the partner's reports. Authenticate with " +
                    "\"Authorization: Bearer <key>\" (or \"X-Api-Key: <key>\"). Errors are RFC 9457 problems with a stable type (urn:club:problem:...).";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A partner's API key (club_...).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
                return Task.CompletedTask;
            });
        });

    public static void MapPartnerApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("Club partner API")
            .WithOpenApiRoutePattern(DocumentPath)
            .WithNonce())
            .AddEndpointFilter(async (context, next) =>
            {
                // The site's policy allows no inline script; this page's two come with Scalar's per-request nonce,
                // and its styles are injected by the script.
                var http = context.HttpContext;
                http.Response.OnStarting(() =>
                {
                    if (http.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                    {
                        http.Response.Headers.ContentSecurityPolicy =
                            $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                            "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                    }

                    return Task.CompletedTask;
                });
                return await next(context);
            });
    }
}
