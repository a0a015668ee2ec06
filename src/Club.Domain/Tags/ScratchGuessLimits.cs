using System.Net;

namespace Club.Domain.Tags;

/// <summary>
/// How many wrong scratch codes are checked, and when a guess is refused before its code is compared.
/// The arithmetic behind the numbers is in docs/security.md ("Scratch-code guessing"). Days are UTC days.
/// </summary>
public static class ScratchGuessLimits
{
    /// <summary>Wrong codes one account may enter for one tag per day.</summary>
    public const int PerAccountAndTag = 5;

    /// <summary>Wrong codes one account may enter per day, over all tags.</summary>
    public const int PerAccount = 20;

    /// <summary>
    /// Wrong codes per day from one network (an IPv4 address, an IPv6 /64). Generous, because carrier NAT
    /// and shop Wi-Fi put many buyers behind one address and the check symbol keeps honest typos from
    /// counting; and never applied to an account's first guess of the day, so a stranger on the same
    /// network cannot close it for everyone.
    /// </summary>
    public const int PerNetwork = 100;

    /// <summary>Wrong codes a tag takes (from anyone) before each further one pauses it.</summary>
    public const int FreeWrongCodesPerTag = 5;

    /// <summary>The first pause; each further wrong code doubles it, up to <see cref="LongestPause"/>.</summary>
    public static readonly TimeSpan FirstPause = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan LongestPause = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a tag pauses after its <paramref name="wrongCodes"/>-th wrong code: nothing for the first
    /// few, then one minute doubling with each one, at most a day. While it pauses only an account's
    /// first guess of the day is checked, so the owner's own account still gets through.
    /// </summary>
    public static TimeSpan PauseAfter(int wrongCodes)
    {
        if (wrongCodes < FreeWrongCodesPerTag)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(wrongCodes - FreeWrongCodesPerTag, 20);
        var pause = FirstPause * (1L << doublings);
        return pause < LongestPause ? pause : LongestPause;
    }

    /// <summary>
    /// The network a client address stands for: the IPv4 address itself, or the /64 of an IPv6 address
    /// (one subscriber usually holds a whole /64, so single IPv6 addresses would be free to change).
    /// </summary>
    public static string NetworkOf(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return ip.ToString();
    }
}
