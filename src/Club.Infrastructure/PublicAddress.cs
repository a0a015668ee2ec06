using Club.Application.Abstractions;
using Microsoft.Extensions.Configuration;

namespace Club.Infrastructure;

/// <summary>
/// Club:PublicBaseUrl, or its older name Club:Tags:PublicBaseUrl. Only the embedded (demo) database may
/// run without it: then links point at the address the site listens on (--urls), else localhost:5080.
/// </summary>
public sealed class PublicAddress : IPublicAddress
{
    public const string Key = "Club:PublicBaseUrl";
    public const string OldKey = "Club:Tags:PublicBaseUrl";

    public PublicAddress(IConfiguration configuration) =>
        BaseUrl = Configured(configuration) ?? ListenAddress(configuration);

    public string BaseUrl { get; }

    /// <summary>
    /// Refuses a start with a database of its own (production) but no public address, or with one that is
    /// not an absolute http(s) address: mailed reset links would otherwise point wherever the request said.
    /// </summary>
    public static void EnsureConfigured(IConfiguration configuration)
    {
        var value = configuration[Key] is { Length: > 0 } url ? url : configuration[OldKey];
        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Club"));
        if (string.IsNullOrWhiteSpace(value))
        {
            if (embedded)
            {
                return;
            }

            throw new ClubSetupException(
                $"The site's public address is not set. Set {Key} to the address buyers open, e.g. " +
                "Club__PublicBaseUrl=https://club.example (environment) or --Club:PublicBaseUrl=https://club.example: " +
                "links in mails and QR codes are made from it, never from the request.");
        }

        if (!IsHttpUrl(value))
        {
            throw new ClubSetupException($"{Key} must be an absolute http(s) address such as https://club.example, not '{value}'.");
        }
    }

    /// <summary>The configured public address (either name), without a trailing slash; null when unset or invalid.</summary>
    public static string? Configured(IConfiguration configuration) =>
        (configuration[Key] is { Length: > 0 } url ? url : configuration[OldKey]) is { Length: > 0 } value && IsHttpUrl(value)
            ? value.TrimEnd('/')
            : null;

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.Query);

    /// <summary>The first address of --urls (ASPNETCORE_URLS), with a wildcard host read as localhost.</summary>
    private static string ListenAddress(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return "http://localhost:5080";
        }

        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }
}
