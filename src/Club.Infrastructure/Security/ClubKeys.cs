using System.Security.Cryptography;
using System.Text.Json;

namespace Club.Infrastructure.Security;

/// <summary>
/// The two secrets of the tag design, kept outside the database: the serial key (without it no
/// printed serial can be read back, every tag would look counterfeit) and the scratch key (without it
/// no scratch code can be checked). A database dump alone reveals neither serials nor scratch codes.
/// </summary>
public sealed class ClubKeys
{
    public const int KeyLength = 32;

    private ClubKeys(byte[] serial, byte[] scratch)
    {
        Serial = serial;
        Scratch = scratch;
    }

    public byte[] Serial { get; }
    public byte[] Scratch { get; }

    /// <summary>A short public fingerprint, to check two installs use the same keys without showing them.</summary>
    public string Fingerprint => Convert.ToHexString(SHA256.HashData([.. Serial, .. Scratch]))[..12];

    public static ClubKeys Load(ClubKeyOptions options, string defaultFile, bool createIfMissing)
    {
        if (!string.IsNullOrWhiteSpace(options.Serial) || !string.IsNullOrWhiteSpace(options.Scratch))
        {
            return new ClubKeys(Decode(options.Serial, "Serial"), Decode(options.Scratch, "Scratch"));
        }

        var file = string.IsNullOrWhiteSpace(options.File) ? defaultFile : options.File;
        if (File.Exists(file))
        {
            return ReadFile(file);
        }

        if (!(options.CreateIfMissing ?? createIfMissing))
        {
            throw new ClubSetupException(
                $"The tag keys are missing: no {ClubKeyOptions.Section}:Serial/Scratch settings and no key file at '{file}'.\n" +
                "Give the keys of this installation (environment variables Club__Keys__Serial and Club__Keys__Scratch, " +
                $"base64 of {KeyLength} bytes each, or {ClubKeyOptions.Section}:File). If this is a new installation, " +
                $"set {ClubKeyOptions.Section}:CreateIfMissing=true once to create a key file, and back it up: " +
                "losing it makes every printed tag unreadable.");
        }

        return CreateFile(file);
    }

    private static ClubKeys ReadFile(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var stored = JsonSerializer.Deserialize<KeyFile>(stream) ?? throw new JsonException("empty");
            return new ClubKeys(Decode(stored.Serial, "Serial"), Decode(stored.Scratch, "Scratch"));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ClubSetupException($"The key file '{file}' cannot be read: {ex.Message}. Restore it from your backup.", ex);
        }
    }

    private static ClubKeys CreateFile(string file)
    {
        var keys = new ClubKeys(RandomNumberGenerator.GetBytes(KeyLength), RandomNumberGenerator.GetBytes(KeyLength));
        // The file itself is owner-only; a folder that exists keeps its mode.
        ClubPaths.CreatePrivateFolderIfMissing(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var temporary = file + ".new";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            ClubPaths.MakePrivate(temporary);
            JsonSerializer.Serialize(stream, new KeyFile(
                Convert.ToBase64String(keys.Serial),
                Convert.ToBase64String(keys.Scratch),
                "Keys of this Club installation. Back this file up: without it printed tags cannot be checked or registered."));
        }

        // Two processes starting at once: the first complete file wins and both use it.
        try
        {
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
            return ReadFile(file);
        }

        return keys;
    }

    private static byte[] Decode(string? value, string name)
    {
        try
        {
            var bytes = Convert.FromBase64String(value ?? "");
            if (bytes.Length == KeyLength)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        throw new ClubSetupException($"{ClubKeyOptions.Section}:{name} must be base64 of exactly {KeyLength} bytes.");
    }

    private sealed record KeyFile(string Serial, string Scratch, string? Note = null);
}
