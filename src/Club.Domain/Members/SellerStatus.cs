namespace Club.Domain.Members;

/// <summary>
/// Where a shop seller's account stands. A seller signs up as Pending; a program manager calls them
/// and activates (or rejects) the account; an active seller can be suspended and reactivated.
/// Only an Active seller records sales and earns points.
/// </summary>
public enum SellerStatus
{
    Pending = 0,
    Active = 1,
    Rejected = 2,
    Suspended = 3,
}

public static class SellerStatuses
{
    /// <summary>
    /// Null when a manager may move a seller from <paramref name="from"/> to <paramref name="to"/>,
    /// else an English message key. A rejected applicant can still be activated after a later call.
    /// </summary>
    public static string? CheckMove(SellerStatus from, SellerStatus to) => (from, to) switch
    {
        (SellerStatus.Pending, SellerStatus.Active or SellerStatus.Rejected) => null,
        (SellerStatus.Rejected, SellerStatus.Active) => null,
        (SellerStatus.Active, SellerStatus.Suspended) => null,
        (SellerStatus.Suspended, SellerStatus.Active) => null,
        _ when from == to => "The seller is already in this state.",
        _ => "This change is not possible in the seller's current state.",
    };
}
