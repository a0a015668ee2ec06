using System.Net;
using Club.Infrastructure;

namespace Club.Web.Security;

/// <summary>Settings a safe start needs, checked before the database is touched; each failure says what to set.</summary>
public static class StartupChecks
{
    public static void Run(WebApplication app)
    {
        PublicAddress.EnsureConfigured(app.Configuration);
        ProxySettings.Configure(new ForwardedHeadersOptions(), app.Configuration);
        EnsureDevelopmentStaysLocal(app);
        if (Observability.ObservabilitySettings.From(app.Configuration).Problem() is { } problem)
        {
            throw new ClubSetupException(problem);
        }
    }

    /// <summary>
    /// Development shows the exception page (stack traces, paths, the request's cookies) to whoever causes
    /// an error, so it may only listen on this machine. To serve the network, run Production.
    /// </summary>
    private static void EnsureDevelopmentStaysLocal(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        // --urls and ASPNETCORE_URLS land in "urls"; ASPNETCORE_HTTP(S)_PORTS always listen on every interface.
        var urls = (app.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ports = new[] { app.Configuration["http_ports"], app.Configuration["https_ports"] }
            .Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => $"port {value} on every interface");
        var exposed = urls.Where(url => !IsLoopback(url)).Concat(urls.Length == 0 ? ports : []).ToList();
        if (exposed.Count > 0)
        {
            throw new ClubSetupException(
                $"The Development environment shows error details and may only listen on this machine, not on {string.Join(", ", exposed)}. " +
                "Use http://localhost:<port>, or run with ASPNETCORE_ENVIRONMENT=Production to serve other machines.");
        }
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://any-host", StringComparison.Ordinal).Replace("://+", "://any-host", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
