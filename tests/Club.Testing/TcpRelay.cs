using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Club.Testing;

/// <summary>
/// A loopback TCP relay in front of the test server, to take the database away from a site and give it
/// back: <see cref="Stop"/> refuses new connections and cuts the open ones (as a server restart does),
/// <see cref="Start"/> listens again on the same port.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly int target;
    private readonly ConcurrentDictionary<TcpClient, bool> open = new();
    private TcpListener? listener;
    private CancellationTokenSource stopping = new();

    private TcpRelay(int target, int port)
    {
        this.target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A relay to the server of <paramref name="connectionString"/>, and the same connection string through it.</summary>
    public static (TcpRelay Relay, string ConnectionString) For(string connectionString, string? extraSettings = null)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            var relay = new TcpRelay(settings.Port, ((IPEndPoint)probe.LocalEndpoint).Port);
            probe.Stop();
            relay.Start();
            settings.Host = "127.0.0.1";
            settings.Port = relay.Port;
            return (relay, settings.ConnectionString + (extraSettings is null ? "" : ";" + extraSettings));
        }
    }

    public void Start()
    {
        stopping = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = AcceptAsync(listener, stopping.Token);
    }

    public void Stop()
    {
        stopping.Cancel();
        listener?.Stop();
        listener = null;
        foreach (var client in open.Keys)
        {
            client.Dispose();
        }

        open.Clear();
    }

    public void Dispose() => Stop();

    private async Task AcceptAsync(TcpListener server, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await server.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(incoming, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient incoming, CancellationToken cancellationToken)
    {
        var outgoing = new TcpClient();
        open[incoming] = true;
        open[outgoing] = true;
        try
        {
            await outgoing.ConnectAsync(IPAddress.Loopback, target, cancellationToken);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var up = incoming.GetStream().CopyToAsync(outgoing.GetStream(), both.Token);
            var down = outgoing.GetStream().CopyToAsync(incoming.GetStream(), both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            open.TryRemove(incoming, out _);
            open.TryRemove(outgoing, out _);
            incoming.Dispose();
            outgoing.Dispose();
        }
    }
}
