namespace Club.Domain.Points;

/// <summary>Why points moved; stored by name, so never rename a member.</summary>
public enum PointsReason
{
    ItemRegistered = 0,
    FirstItemBonus = 1,
    SaleConfirmed = 2,
    Correction = 3,
}
