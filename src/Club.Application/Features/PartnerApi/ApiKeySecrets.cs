using System.Security.Cryptography;
using System.Text;
using Club.Domain.PartnerApi;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// API keys as text: "club_" + 8 characters of prefix + "_" + 43 characters of secret (32 random bytes in
/// base64url). Stored as SHA-256 only: 256 random bits need no slow hash, and a fast one keeps every
/// request's check cheap.
/// </summary>
public static class ApiKeySecrets
{
    public const string Scheme = "club_";

    public static (string Key, string Prefix, byte[] Hash) NewKey()
    {
        var prefix = Scheme + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var key = prefix + "_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (key, prefix, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Whether the text has a key's shape at all (so hostile headers cost no database look-up).</summary>
    public static bool LooksLikeKey(string? text) =>
        text is { Length: ApiKey.PrefixLength + 1 + 43 } && text.StartsWith(Scheme, StringComparison.Ordinal) && text[ApiKey.PrefixLength] == '_';

    /// <summary>A webhook URL's signing secret: "whsec_" + 32 random bytes in base64url.</summary>
    public static string NewWebhookSecret() => "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
