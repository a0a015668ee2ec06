using System.Net;
using System.Net.Sockets;
using System.Text;
using Club.Application.Features.PartnerApi;
using Microsoft.Extensions.Configuration;

namespace Club.Infrastructure.Webhooks;

/// <summary>
/// Posts webhooks. The host is resolved here and the socket connects to the checked address itself, so a
/// name that resolves to a public address for a check and a private one for the connection (DNS
/// rebinding) gets nowhere. Redirects are not followed (a 3xx counts as a failure), no proxy, no cookies,
/// 10 seconds per attempt. Headers are never logged: they carry the signature.
/// </summary>
internal sealed class WebhookSender : IWebhookSender, IDisposable
{
    /// <summary>Club:Webhooks:AllowPrivateAddresses: for tests whose receiver listens on loopback only. Never in production.</summary>
    public const string AllowPrivateKey = "Club:Webhooks:AllowPrivateAddresses";

    private readonly bool allowPrivate;
    private readonly HttpClient client;

    public WebhookSender(IConfiguration configuration)
    {
        allowPrivate = configuration.GetValue<bool>(AllowPrivateKey);
        client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public async Task<WebhookSendResult> SendAsync(string url, IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.UserAgent.ParseAdd("Club-Webhooks/1");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new WebhookSendResult(status, status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed" : null);
        }
        catch (HttpRequestException ex) when (ex.InnerException is RefusedAddressException refused)
        {
            return new WebhookSendResult(null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookSendResult(null, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, "No answer within 10 seconds.");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        // Every address the name has must be public: otherwise which one is used would decide.
        if (addresses.Length == 0 || (!allowPrivate && !addresses.All(WebhookAddresses.IsPublic)))
        {
            throw new RefusedAddressException($"{host} leads to a private, loopback or link-local address; webhooks go to public addresses only.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => client.Dispose();

    private sealed class RefusedAddressException(string message) : IOException(message);
}
