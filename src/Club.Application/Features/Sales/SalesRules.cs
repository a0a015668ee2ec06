namespace Club.Application.Features.Sales;

/// <summary>
/// The sales setting kept in configuration (Club:Sales). The window, the daily cap and the buyer's
/// answer days are the program manager's to change: they are in the database (<see cref="Domain.Sales.SalesPolicy"/>).
/// </summary>
public sealed class SalesRules
{
    /// <summary>A seller's points for a confirmed sale when no SellerSale points rule is set.</summary>
    public int DefaultPoints { get; set; } = 50;
}
