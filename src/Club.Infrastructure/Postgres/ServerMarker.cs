using System.Globalization;
using System.Text.Json;

namespace Club.Infrastructure.Postgres;

/// <summary>
/// The note the launcher leaves beside a server it started (<c>club-server.json</c> in the data folder):
/// which postmaster, on which port, under which instance id (also the server's cluster_name), started by
/// which site process. A later start reads it to tell a server left behind by a crashed or closed site
/// (reuse it) from one another running site owns (refuse) or one someone started by hand (refuse).
/// </summary>
internal sealed record ServerMarker(Guid InstanceId, int Port, int PostmasterPid, int OwnerPid, long OwnerStartTicks)
{
    public const string FileName = "club-server.json";

    /// <summary>The server's cluster_name: visible in ps and in SHOW cluster_name, so the reuse check asks the server itself.</summary>
    public string ClusterName => "club-" + InstanceId.ToString("N");

    public static string PathIn(string root) => Path.Combine(root, FileName);

    /// <summary>A marker for a server this process is about to start or adopt.</summary>
    public static ServerMarker ForThisProcess(Guid instanceId, int port, int postmasterPid) =>
        new(instanceId, port, postmasterPid, Environment.ProcessId, ProcessStartTicks(Environment.ProcessId) ?? 0);

    public static ServerMarker? Read(string root)
    {
        try
        {
            return JsonSerializer.Deserialize<ServerMarker>(File.ReadAllText(PathIn(root)));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            // Missing or unreadable: the server is not known to be ours.
            return null;
        }
    }

    public void Write(string root)
    {
        var path = PathIn(root);
        File.WriteAllText(path, JsonSerializer.Serialize(this));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static void Delete(string root)
    {
        try
        {
            File.Delete(PathIn(root));
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// True while the site process that wrote the marker still runs. Compares the start time too, so a
    /// new process that happens to get the dead site's pid is not taken for it.
    /// </summary>
    public bool OwnerIsAlive => ProcessStartTicks(OwnerPid) is { } ticks && ticks == OwnerStartTicks;

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat: the process's start time in clock ticks after boot; null when it is gone.</summary>
    private static long? ProcessStartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // A killed process its parent has not reaped yet (state Z) is gone too.
            return fields.Length > 19 && fields[0] != "Z" && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
