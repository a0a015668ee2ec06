using Microsoft.Extensions.Configuration;

namespace Club.Factory;

/// <summary>
/// Where a batch's print files may go and which address its QR codes carry: the files hold the plain
/// scratch codes (never in a repository), and a QR code printed with a wrong address cannot be fixed.
/// </summary>
internal static class PrintSafety
{
    /// <summary>The address a test print points to when no public address is set (the local demo's).</summary>
    public const string TestAddress = "http://localhost:5080";

    /// <summary>~/club-print: outside any checkout, so `--out` left out never puts codes in the repository.</summary>
    public static string DefaultFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "club-print");

    /// <summary>The git work tree that holds <paramref name="folder"/> (a .git folder or file above it), if any.</summary>
    public static string? GitWorkTreeOf(string folder)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// --base-url, else the site's public address setting; without either only a test print may go on
    /// (to <see cref="TestAddress"/>). Returns null with the reason when printing must not start.
    /// </summary>
    public static string? PublicAddress(string? baseUrl, IConfiguration configuration, bool test, out string why)
    {
        why = "";
        if (baseUrl is not null)
        {
            if (Club.Infrastructure.PublicAddress.IsHttpUrl(baseUrl))
            {
                return baseUrl.TrimEnd('/');
            }

            why = $"--base-url must be an absolute http(s) address such as https://club.example, not '{baseUrl}'.";
            return null;
        }

        if (Club.Infrastructure.PublicAddress.Configured(configuration) is { } configured)
        {
            return configured;
        }

        if (test)
        {
            return TestAddress;
        }

        why = $"No public address for the QR codes: give --base-url https://club.example (or set {Club.Infrastructure.PublicAddress.Key}, " +
            $"e.g. Club__PublicBaseUrl=https://club.example). For a test print that points to {TestAddress}, add --test.";
        return null;
    }
}
