using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Club.Testing;
using Xunit.Abstractions;

namespace Club.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Three site nodes on one PostgreSQL behind the Debian nginx, with the deployment's own nginx file
/// (deploy/nginx/club.conf.template): tools/faults/two-node-faults.sh with SCENARIO=nginx does the work and
/// prints one "check ...: ok" or "check ...: FAIL" line per property; this test runs it and reads them.
/// </summary>
[Collection(HeavyEndToEnd.Name)]
public sealed class BehindNginxTests(ITestOutputHelper output)
{
    private static readonly string[] Checks =
    [
        "a sign-in on node a is valid on nodes b and c",
        "a form rendered by node a is accepted by node b",
        "10 tags raced by 50 buyers (100 posts): each registered once",
        "a batch's print file made on node b downloads through node c",
        "after node a's SIGKILL every client is served",
        "a form rendered by the killed node is accepted by another",
        "after retries the 40 tags of the kill are each registered once",
        "ledger: 52 registered tags, 52 credits",
        "sign-in limit per real client",
        "each scheduled job firing ran once",
        "the sign-in cookie is Secure behind https nginx",
    ];

    [NginxFact]
    public async Task Three_nodes_behind_nginx_share_sessions_forms_and_print_files_survive_a_SIGKILL_and_limit_per_real_client()
    {
        var ports = FreePorts(6);
        var start = new ProcessStartInfo("bash", [RepositoryRoot.Combine("tools", "faults", "two-node-faults.sh"), $"{ports[0]}", $"{ports[1]}", $"{ports[2]}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SCENARIO"] = "nginx";
        start.Environment["PORT_C"] = $"{ports[3]}";
        start.Environment["NGINX_HTTP"] = $"{ports[4]}";
        start.Environment["NGINX_HTTPS"] = $"{ports[5]}";
        start.Environment["CONFIG"] = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

        using var script = Process.Start(start)!;
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        try
        {
            await script.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
            }
        }

        var log = await stdout;
        output.WriteLine(log);
        output.WriteLine(await stderr);
        var lines = log.Split('\n');
        foreach (var check in Checks)
        {
            lines.Should().Contain(line => line.StartsWith($"check {check}", StringComparison.Ordinal) && line.Contains(": ok", StringComparison.Ordinal), check);
        }

        lines.Should().NotContain(line => line.Contains(": FAIL", StringComparison.Ordinal));
        script.ExitCode.Should().Be(0);
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}

/// <summary>Runs only where the Debian nginx is installed (`.ci/run` installs it), and says so otherwise.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (!File.Exists("/usr/sbin/nginx"))
        {
            Skip = "nginx is not installed (apt-get install nginx; .ci/run installs it): the scale-out test puts it in front of three nodes.";
        }
    }
}
