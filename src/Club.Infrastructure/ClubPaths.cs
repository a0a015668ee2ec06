using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Club.Infrastructure;

/// <summary>
/// The installation's private folder (Club:AppData, default App_Data beside the site): embedded
/// database, tag keys, mail pickup, print files. The factory CLI points at the same folder, so it
/// shares the site's database and keys.
/// </summary>
public sealed class ClubPaths(IConfiguration configuration, IHostEnvironment environment)
{
    public const string AppDataKey = "Club:AppData";

    public string AppData { get; } = Path.GetFullPath(
        configuration[AppDataKey] is { Length: > 0 } configured ? configured : Path.Combine(environment.ContentRootPath, "App_Data"));

    public string Postgres => Path.Combine(AppData, "postgres");
    public string Keys => Path.Combine(AppData, "keys", "club-keys.json");
    public string Mail => Path.Combine(AppData, "mail");
    public string Print => Path.Combine(AppData, "print");

    /// <summary>Text messages (phone confirmation codes) in embedded mode, one file each.</summary>
    public string Sms => Path.Combine(AppData, "sms");

    /// <summary>Creates a folder only this account can open (it will hold secrets).</summary>
    public static string CreatePrivateFolder(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>
    /// Creates a missing folder that only this account can open; an existing one keeps its mode (it may be
    /// shared, e.g. with App_Data, whose embedded database runs as another user).
    /// </summary>
    public static void CreatePrivateFolderIfMissing(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Creates a new file only its owner can read, private from its first byte (reset links and SMS codes
    /// in embedded mode); a missing folder is created owner-only too, an existing one keeps its mode.
    /// </summary>
    public static FileStream CreatePrivateFile(string path)
    {
        CreatePrivateFolderIfMissing(Path.GetDirectoryName(path)!);
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        }

        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    /// <summary>Makes a file readable and writable by its owner only.</summary>
    public static void MakePrivate(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
