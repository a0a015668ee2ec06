using System.Net;
using Club.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;

namespace Club.Web.Security;

/// <summary>
/// Club:Proxy:KnownProxies (addresses) and Club:Proxy:KnownNetworks (CIDR): the reverse proxies whose
/// X-Forwarded-For and X-Forwarded-Proto are believed. Nothing is trusted unless listed (not even
/// loopback), so a visitor who sends these headers himself changes nothing.
/// </summary>
public static class ProxySettings
{
    public const string KnownProxiesKey = "Club:Proxy:KnownProxies";
    public const string KnownNetworksKey = "Club:Proxy:KnownNetworks";

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // Walks back through every listed proxy (CDN, then nginx) and stops at the first address not listed.
        options.ForwardLimit = null;
        foreach (var proxy in Values(configuration, KnownProxiesKey))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new ClubSetupException($"{KnownProxiesKey}: '{proxy}' is not an IP address (e.g. 127.0.0.1 or 10.0.0.5)."));
        }

        foreach (var network in Values(configuration, KnownNetworksKey))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new ClubSetupException($"{KnownNetworksKey}: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8)."));
        }
    }

    /// <summary>A list as an array (KnownProxies:0, :1...) or one string separated by commas or semicolons.</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        return section.Value is { } single
            ? single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(child => child.Value?.Trim()).OfType<string>().Where(v => v.Length > 0);
    }
}
