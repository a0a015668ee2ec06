using System.Diagnostics;

namespace Club.Infrastructure.Postgres;

/// <summary>
/// Runs the PostgreSQL programs. initdb and postgres refuse to run as root, so when this process is
/// root they run as the unprivileged 'postgres' system user through runuser.
/// </summary>
internal static class CommandRunner
{
    public const string PostgresUser = "postgres";

    public sealed record CommandResult(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    // Environment.UserName is looked up from the effective uid on Unix.
    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    public static CommandResult Run(string program, IReadOnlyList<string> arguments, bool asPostgresUser, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser && IsRoot)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(PostgresUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Messages in English whatever the machine's locale, so the launcher can recognise them.
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";

        using var process = new Process { StartInfo = start };
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new EmbeddedPostgresException($"Could not run '{start.FileName}': {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new EmbeddedPostgresException($"'{Path.GetFileName(program)}' did not finish in time.");
        }

        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Gives a folder tree to the postgres user when we are root (no-op otherwise).</summary>
    public static void GiveToPostgresUser(string path)
    {
        if (!IsRoot)
        {
            return;
        }

        var result = Run("chown", ["-R", $"{PostgresUser}:{PostgresUser}", path], asPostgresUser: false);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"This process runs as root, so the database runs as the '{PostgresUser}' system user, " +
                $"but the folder '{path}' could not be given to it: {result.Output.Trim()}\n" +
                "Install the 'postgresql' package (it creates that user), or run as a normal user.");
        }
    }

    /// <summary>True when the postgres user can enter the folder (every parent must be searchable).</summary>
    public static bool PostgresUserCanEnter(string path) =>
        !IsRoot || Run("test", ["-x", path, "-a", "-w", path], asPostgresUser: true).Succeeded;

    public static bool PostgresUserExists() =>
        Run("id", ["-u", PostgresUser], asPostgresUser: false).Succeeded;

    public static bool IsProcessAlive(int pid) =>
        pid > 0 && Directory.Exists($"/proc/{pid}");

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
