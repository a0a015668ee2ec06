namespace Club.Domain.Activities;

public enum SocialNetwork
{
    Vk = 0,
    Instagram = 1,
    Facebook = 2,
    YouTube = 3,

    /// <summary>Odnoklassniki: for sellers only.</summary>
    Ok = 4,
}

public enum SocialClaimState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// A member's claim to have subscribed to one of the brand's pages. One per member and network
/// (unique), so the points for a network can be paid once at most.
/// </summary>
public sealed class SocialClaim
{
    public long Id { get; set; }
    public Guid MemberId { get; set; }
    public SocialNetwork Network { get; set; }

    /// <summary>The member's name or link on the network, so a manager can check the subscription.</summary>
    public string? Handle { get; set; }

    public SocialClaimState State { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }

    public const int MaxHandleLength = 100;

    /// <summary>Buyers subscribe to VK, Instagram, Facebook and YouTube; sellers to those and OK.</summary>
    public static IReadOnlyList<SocialNetwork> NetworksFor(bool seller) =>
        seller ? Enum.GetValues<SocialNetwork>() : [SocialNetwork.Vk, SocialNetwork.Instagram, SocialNetwork.Facebook, SocialNetwork.YouTube];
}
