using System.Reflection;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Testing;

/// <summary>One route of the site: its template, whether it answers GET and POST, and the query names it reads.</summary>
public sealed record SiteRoute(string Template, bool Get, bool Post, IReadOnlyList<string> Parameters, IReadOnlyList<string> QueryNames)
{
    public override string ToString() => Template;
}

/// <summary>
/// Every route of the running site, read from its endpoint data source (Razor pages and minimal APIs
/// alike), so a new page is visited without anyone listing it. Static files are left out.
/// </summary>
public static partial class SiteRoutes
{
    public static IReadOnlyList<SiteRoute> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => !IsStaticFile(endpoint))
            .Select(Describe)
            .GroupBy(route => route.Template)
            .Select(group => group.First() with { Get = group.Any(r => r.Get), Post = group.Any(r => r.Post) })
            .OrderBy(route => route.Template, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The pages (Razor components answering GET) a visitor with <paramref name="role"/> may open, decided
    /// by the site's own authorization of each page; null is the anonymous visitor, who gets the public
    /// pages. A signed-in role gets the public pages too, except the visitor-only account forms.
    /// </summary>
    public static async Task<IReadOnlyList<SiteRoute>> PagesAsync(IServiceProvider services, string? role)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var visitor = role is null
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], "walker"));
        var pages = new List<SiteRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null || IsStaticFile(endpoint) || !Describe(endpoint).Get)
            {
                continue;
            }

            var rules = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var open = rules.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (open)
            {
                if (role is null || !Describe(endpoint).Template.StartsWith("/account/", StringComparison.Ordinal))
                {
                    pages.Add(Describe(endpoint));
                }

                continue;
            }

            var policy = await AuthorizationPolicy.CombineAsync(policies, rules);
            if (role is not null && policy is not null && (await authorization.AuthorizeAsync(visitor, policy)).Succeeded)
            {
                pages.Add(Describe(endpoint));
            }
        }

        return pages.DistinctBy(page => page.Template).OrderBy(page => page.Template, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The template with its parameters filled: a value given by parameter name (an existing id or
    /// serial), else one that fits the constraint (1 for numbers, an empty guid, "x").
    /// </summary>
    public static string Fill(SiteRoute route, IReadOnlyDictionary<string, string>? values = null) =>
        "/" + Parameter().Replace(route.Template.TrimStart('/'), match =>
        {
            var name = match.Groups["name"].Value;
            var constraint = match.Groups["constraint"].Value;
            return values is not null && values.TryGetValue(name, out var value) ? value
                : constraint.StartsWith("int", StringComparison.Ordinal) || constraint.StartsWith("long", StringComparison.Ordinal) ? "1"
                : constraint.StartsWith("guid", StringComparison.Ordinal) ? Guid.Empty.ToString()
                : constraint.Contains("csv", StringComparison.Ordinal) ? "csv"
                : "x";
        });

    private static SiteRoute Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        return new SiteRoute(
            Template: "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'),
            Get: methods is null || methods.Contains("GET"),
            Post: methods is null || methods.Contains("POST"),
            Parameters: parameters,
            QueryNames: QueryNames(endpoint, parameters));
    }

    /// <summary>[SupplyParameterFromQuery] properties of a page, or the simple parameters of a minimal API handler.</summary>
    private static List<string> QueryNames(RouteEndpoint endpoint, List<string> routeParameters)
    {
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type is { } page)
        {
            return page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(property => (property, attribute: property.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                .Where(x => x.attribute is not null)
                .Select(x => x.attribute!.Name ?? x.property.Name)
                .ToList();
        }

        return endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
            .Where(p => p.ParameterType == typeof(string) || Nullable.GetUnderlyingType(p.ParameterType) is { IsPrimitive: true } || p.ParameterType.IsPrimitive)
            .Select(p => p.Name!)
            .Where(name => !routeParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
            .ToList() ?? [];
    }

    private static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")
        || (endpoint.RoutePattern.RawText ?? "").StartsWith("_", StringComparison.Ordinal);

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<constraint>[^}]*))?\??\}")]
    private static partial Regex Parameter();
}
