namespace Club.Infrastructure.Security;

public sealed class ClubKeyOptions
{
    public const string Section = "Club:Keys";

    /// <summary>Base64 of 32 random bytes: the AES key that turns tag ids into serials.</summary>
    public string? Serial { get; set; }

    /// <summary>Base64 of 32 random bytes: the HMAC key under which scratch codes are stored.</summary>
    public string? Scratch { get; set; }

    /// <summary>Key file used when the keys are not given directly; default App_Data/keys/club-keys.json.</summary>
    public string? File { get; set; }

    /// <summary>
    /// Create the key file when it is missing. On by default with the embedded database (a
    /// development or demo install); a production install brings its keys and fails without them.
    /// </summary>
    public bool? CreateIfMissing { get; set; }
}
