namespace Club.Domain.Points;

/// <summary>Whose points a ledger account holds; stored by name, so never rename a member.</summary>
public enum PointsAccountKind
{
    /// <summary>A member's own points: the account id is the member's id (no <see cref="PointsAccount"/> row).</summary>
    Member = 0,

    /// <summary>Points members give to a charity campaign.</summary>
    Charity = 1,

    /// <summary>A partner's budget of bonus points.</summary>
    PartnerBudget = 2,
}

/// <summary>
/// A ledger account that is not a member (a charity campaign, a partner's bonus budget). It posts and
/// holds points through the same entries, lots and balance row as a member; its id is the account id.
/// </summary>
public sealed class PointsAccount
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public PointsAccountKind Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>The partner it belongs to, for a partner's budget.</summary>
    public int? PartnerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
