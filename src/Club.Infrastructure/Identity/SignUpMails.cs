using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Identity;

/// <summary>
/// Sends sign-up mail after the answer has gone: a mail server's delay would otherwise tell a stranger
/// which kind of mail a sign-up caused (a confirmation link, a "someone tried" notice, or none because it
/// was sent earlier today). A mail lost with a stopping node costs the visitor one more try of the form.
/// </summary>
public sealed class SignUpMails(ILogger<SignUpMails> logger) : BackgroundService
{
    private const int QueueLimit = 10_000;

    private readonly Channel<Func<CancellationToken, Task>> queue = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(QueueLimit) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Send(Func<CancellationToken, Task> send)
    {
        if (!queue.Writer.TryWrite(send))
        {
            logger.LogWarning("Sign-up mail dropped: {Limit} are waiting to be sent", QueueLimit);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var send in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await send(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A sign-up mail could not be sent");
            }
        }
    }
}
