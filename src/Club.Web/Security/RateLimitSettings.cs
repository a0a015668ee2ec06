namespace Club.Web.Security;

/// <summary>
/// Club:RateLimits. Per-address numbers are generous on purpose: behind a carrier's NAT or a shop's
/// Wi-Fi many honest people share one address, and the per-account and per-tag limits already stop
/// a single guesser; the per-address limit only caps one machine running many accounts.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "Club:RateLimits";

    /// <summary>Posts to scan pages (registration, problem reports) per signed-in account per minute.</summary>
    public int PerAccountPerMinute { get; set; } = 10;

    /// <summary>Posts to scan pages per client address per minute.</summary>
    public int PerAddressPerMinute { get; set; } = 60;

    /// <summary>Sign-in posts per client address per minute (password spraying from one machine).</summary>
    public int SignInPerAddressPerMinute { get; set; } = 60;

    /// <summary>Sign-up posts (buyers and sellers) per client address per hour (mass account creation).</summary>
    public int SignUpPerAddressPerHour { get; set; } = 100;
}
