using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Club.Testing;

/// <summary>
/// The site as a real child process (dotnet Club.Web.dll) on a database of the test's, for what an
/// in-process host cannot show: a node killed with SIGKILL, mid-run, leaving its connections and
/// scheduler check-ins behind. Disposing kills it if it still runs.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private SiteProcess(Process process, string address)
    {
        this.process = process;
        Address = address;
    }

    public string Address { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the site wrote to its console, in order.</summary>
    public IReadOnlyCollection<string> Output => output;

    /// <summary>
    /// Starts the site on a free loopback port; the settings are Club's configuration keys (Club:Jobs:Enabled ...),
    /// the arguments what follows the dll on the command line (create-admin --email ...).
    /// </summary>
    public static SiteProcess Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? arguments = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Club.Web.dll");
        var address = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments ?? []])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = address,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings:Club"] = connectionString,
            ["Club:PublicBaseUrl"] = "https://club.example",
            ["Club:SeedDemoData"] = "false",
            ["Club:Keys:Serial"] = TestKeys.Serial,
            ["Club:Keys:Scratch"] = TestKeys.Scratch,
            ["Club:Jobs:Enabled"] = "false",
            ["Club:Mail:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "club-tests-mail", Guid.NewGuid().ToString("N")),
            ["Club:AppData"] = Path.Combine(Path.GetTempPath(), "club-tests-appdata", Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            // Configuration from the environment spells ':' as '__'.
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var site = new SiteProcess(process, address);
        process.OutputDataReceived += (_, e) => site.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => site.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return site;
    }

    /// <summary>Waits until the site has written a line containing <paramref name="text"/> (polled, no fixed sleep).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The site did not write \"{text}\" (exited: {process.HasExited}). Its output:\n{string.Join('\n', output)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>For a command (not a server): waits until the process ends and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a node is killed -9 or loses power.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
