namespace Club.Domain.Activities;

/// <summary>
/// A code sent by SMS to confirm a member's phone. Only its hash is stored; it expires and allows a
/// few attempts, so a guessed code is as unlikely as a stolen one is short-lived.
/// </summary>
public sealed class PhoneCode
{
    public const int Digits = 6;
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Before a new code may be sent, against SMS flooding.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(60);

    public Guid MemberId { get; set; }
    public required string Phone { get; set; }
    public byte[] CodeHash { get; set; } = [];
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public short Attempts { get; set; }
}
