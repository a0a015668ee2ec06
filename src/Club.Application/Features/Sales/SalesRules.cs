namespace Club.Application.Features.Sales;

/// <summary>The program's sales settings (Club:Sales in configuration).</summary>
public sealed class SalesRules
{
    /// <summary>Days in which the other half of a sale may follow: the buyer's registration after the seller's record, or the other way round.</summary>
    public int WindowDays { get; set; } = Domain.Sales.Sale.DefaultWindowDays;

    /// <summary>Sales one seller may record in 24 hours.</summary>
    public int DailyCap { get; set; } = Domain.Sales.Sale.DefaultDailyCap;

    /// <summary>A seller's points for a confirmed sale when no SellerSale points rule is set.</summary>
    public int DefaultPoints { get; set; } = 50;
}
