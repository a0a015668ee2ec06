namespace Club.Domain.Points;

/// <summary>Why points moved; stored by name, so never rename a member.</summary>
public enum PointsReason
{
    ItemRegistered = 0,
    FirstItemBonus = 1,
    SaleConfirmed = 2,
    Correction = 3,

    // 20-29: scheduled rewards and expiry.
    Birthday = 20,

    /// <summary>What was left of a lot when it reached its expiry date.</summary>
    Expired = 21,
}
