namespace Club.Infrastructure.Postgres;

/// <summary>Finds the PostgreSQL server programs installed on this machine.</summary>
public sealed record PostgresBinaries(string Directory)
{
    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>Major version of the binaries, read from the Debian-style path or from postgres --version.</summary>
    public int MajorVersion { get; init; }

    /// <param name="configuredDirectory">The folder named in configuration, if any; it must hold the programs.</param>
    /// <param name="searchDirectories">Where to look when nothing is configured; the machine's usual places by default.</param>
    public static PostgresBinaries Locate(string? configuredDirectory, IEnumerable<string>? searchDirectories = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            return HasServerPrograms(configuredDirectory)
                ? WithVersion(configuredDirectory)
                : throw new EmbeddedPostgresException(
                    $"The configured PostgreSQL folder '{configuredDirectory}' ({EmbeddedPostgresOptions.Section}:BinDirectory) " +
                    "does not hold initdb, pg_ctl and postgres. Point it at the server's bin folder, " +
                    "e.g. /usr/lib/postgresql/15/bin.");
        }

        foreach (var candidate in searchDirectories ?? CandidateDirectories())
        {
            if (HasServerPrograms(candidate))
            {
                return WithVersion(candidate);
            }
        }

        throw new EmbeddedPostgresException(
            "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found on this machine.\n" +
            "  - to use the built-in database, install them: sudo apt-get install postgresql\n" +
            $"  - or name their folder in {EmbeddedPostgresOptions.Section}:BinDirectory\n" +
            "  - or use your own server: set ConnectionStrings:Club (e.g. environment variable ConnectionStrings__Club).");
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        // Debian/Ubuntu keep each major version side by side; prefer the newest.
        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            foreach (var version in System.IO.Directory.GetDirectories(debianRoot)
                         .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                         .OrderByDescending(d => d.Version))
            {
                yield return Path.Combine(version.Dir, "bin");
            }
        }

        // Other systems put them on PATH.
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }
    }

    private static bool HasServerPrograms(string directory) =>
        RequiredPrograms.All(program => File.Exists(Path.Combine(directory, program)));

    private static PostgresBinaries WithVersion(string directory)
    {
        var parent = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(directory)));
        var version = int.TryParse(parent, out var v) ? v : ReadVersion(directory);
        // Absolute, since the folder goes into the commands printed for the operator.
        return new PostgresBinaries(Path.GetFullPath(directory)) { MajorVersion = version };
    }

    private static int ReadVersion(string directory)
    {
        // "postgres (PostgreSQL) 15.18 (Debian ...)"
        var result = CommandRunner.Run(Path.Combine(directory, "postgres"), ["--version"], asPostgresUser: false);
        var token = result.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(t => t.Length > 0 && char.IsDigit(t[0]));
        return token is not null && int.TryParse(token.Split('.')[0], out var major) ? major : 0;
    }
}
