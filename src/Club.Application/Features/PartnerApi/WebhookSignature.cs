using System.Security.Cryptography;
using System.Text;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// The signature of a delivery: HMAC-SHA256 with the URL's secret over "{timestamp}.{body}", in hex,
/// sent as "Club-Webhook-Signature: v1=&lt;hex&gt;" with "Club-Webhook-Timestamp: &lt;unix seconds&gt;"
/// (docs/api.md shows how to check it). The timestamp inside the signed text stops an old body being replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "Club-Webhook-Id";
    public const string EventHeader = "Club-Webhook-Event";
    public const string TimestampHeader = "Club-Webhook-Timestamp";
    public const string SignatureHeader = "Club-Webhook-Signature";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "v1=" + Convert.ToHexStringLower(mac);
    }
}
