namespace Club.Application.Features.PartnerApi;

/// <summary>What became of one POST to a partner's URL: its HTTP status, or why there was none.</summary>
public sealed record WebhookSendResult(int? Status, string? Error)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// Posts a signed webhook body to a partner's URL. The implementation refuses URLs that resolve to
/// private, loopback or link-local addresses (checked on the address it connects to) and follows no redirect.
/// </summary>
public interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(string url, IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken);
}
