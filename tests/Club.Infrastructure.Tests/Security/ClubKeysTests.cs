using System.Runtime.Versioning;
using Club.Infrastructure.Security;

namespace Club.Infrastructure.Tests.Security;

[UnsupportedOSPlatform("windows")]
public class ClubKeysTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public void A_new_key_file_is_owner_only_in_a_private_folder_it_makes()
    {
        var root = NewFolder();
        var file = Path.Combine(root, "keys", "club-keys.json");

        var keys = ClubKeys.Load(new ClubKeyOptions(), file, createIfMissing: true);

        File.GetUnixFileMode(file).Should().Be(OwnerOnly);
        File.GetUnixFileMode(Path.GetDirectoryName(file)!).Should().Be(OwnerOnly | UnixFileMode.UserExecute);
        ClubKeys.Load(new ClubKeyOptions(), file, createIfMissing: false).Fingerprint.Should().Be(keys.Fingerprint);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void A_key_file_put_in_an_existing_folder_leaves_that_folder_open_to_the_embedded_servers_user()
    {
        var root = NewFolder();
        File.SetUnixFileMode(root, Open);
        var file = Path.Combine(root, "keys.json");

        ClubKeys.Load(new ClubKeyOptions { File = file, CreateIfMissing = true }, "unused", createIfMissing: false);

        File.GetUnixFileMode(file).Should().Be(OwnerOnly);
        File.GetUnixFileMode(root).Should().Be(Open, "the folder may also hold App_Data and its database, which runs as another user");
        Directory.Delete(root, recursive: true);
    }

    private static string NewFolder() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"club-keys-{Guid.NewGuid():N}")).FullName;
}
