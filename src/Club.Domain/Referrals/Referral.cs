namespace Club.Domain.Referrals;

/// <summary>Where an invitation stands; stored by name, so never rename a member.</summary>
public enum ReferralStatus
{
    /// <summary>The friend joined through the link; both are paid when the friend registers a first item.</summary>
    SignedUp = 0,
    Paid = 1,

    /// <summary>The inviting member had reached the month's cap when the friend registered: nothing paid.</summary>
    OverCap = 2,

    /// <summary>Looked like inviting oneself (<see cref="Referral.RefusedBecause"/>): nothing is paid for it.</summary>
    Refused = 3,
}

/// <summary>Why an invitation was refused as inviting oneself.</summary>
public static class ReferralRefusals
{
    /// <summary>The friend's phone is the inviting member's.</summary>
    public const string SamePhone = "same-phone";

    /// <summary>The friend signed up from the device and network the inviting member used that day.</summary>
    public const string SameVisitor = "same-visitor";

    /// <summary>The friend's first item came from the inviting member (points would move back and forth).</summary>
    public const string ItemFromReferrer = "item-from-referrer";
}

/// <summary>A member who joined through another member's invitation: one row per friend.</summary>
public sealed class Referral
{
    public Guid FriendId { get; set; }
    public Guid ReferrerId { get; set; }
    public ReferralStatus Status { get; set; }
    public string? RefusedBecause { get; set; }

    /// <summary>The friend's visitor hash at sign-up (address and browser under a daily salt), the self-invitation evidence.</summary>
    public byte[]? VisitorHash { get; set; }

    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
}

/// <summary>A member's invitation code (the link is /account/sign-up?invite=CODE), made when the member first opens the invitation page.</summary>
public sealed class ReferralCode
{
    public const int Length = 8;

    /// <summary>No 0/O, 1/I/L: a code read aloud or typed from a screenshot comes out right.</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public Guid MemberId { get; set; }
    public required string Code { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The member's own visitor hash when they last opened the invitation page: a friend signing up with it is the member.</summary>
    public byte[]? VisitorHash { get; set; }
}

/// <summary>The one row of the invitation rules a program manager edits.</summary>
public sealed class ReferralSettings
{
    public const int SingletonId = 1;
    public const int MaxMonthlyCap = 1_000;

    public int Id { get; set; } = SingletonId;
    public bool Enabled { get; set; }

    /// <summary>Points for the member who invited.</summary>
    public int ReferrerPoints { get; set; }

    /// <summary>Points for the friend who joined.</summary>
    public int FriendPoints { get; set; }

    /// <summary>Invitations paid per inviting member and calendar month (in the club's time zone).</summary>
    public int MonthlyCap { get; set; } = 5;

    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
