namespace Club.Domain.PartnerApi;

/// <summary>What a partner's API key may do; a key gets only the scopes its till or shop needs.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Tag status by serial: the scan page's verdict as data.</summary>
    ReadTags = 1,

    /// <summary>Record a sale from a till, as the seller's own page does.</summary>
    RecordSales = 2,

    /// <summary>Look a member up by phone (only members who agreed to it).</summary>
    ReadMembers = 4,

    /// <summary>The partner's sales, sellers' points and sellers.</summary>
    ReadReports = 8,

    /// <summary>Check and redeem members' personal Collector coupons at the till.</summary>
    RedeemCoupons = 16,
}

/// <summary>
/// A partner's key to the API (/api/v1). The key itself is shown once and never stored: only its SHA-256
/// (a key has 256 random bits, so a fast hash is enough) and a visible prefix that names it in lists and logs.
/// </summary>
public sealed class ApiKey
{
    public const int MaxNameLength = 100;
    public const int PrefixLength = 13;
    public const int DefaultRequestsPerMinute = 600;
    public const int MaxRequestsPerMinute = 1_000_000;

    public int Id { get; set; }
    public int PartnerId { get; set; }

    /// <summary>What the partner uses it for ("till at Tverskaya", "online shop").</summary>
    public required string Name { get; set; }

    /// <summary>The key's first characters ("club_ab12cd34"), shown in lists so a partner can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key.</summary>
    public required byte[] KeyHash { get; set; }

    public ApiScopes Scopes { get; set; }

    /// <summary>Requests per minute this key may make; more are answered 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = DefaultRequestsPerMinute;

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }

    /// <summary>After this moment the key is refused; null: until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the key was last used, written at most once a minute (not on every request).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
