namespace Club.Domain.Sales;

/// <summary>
/// The one row of the sales rules, edited by a program manager on the points rules page: the window in
/// which a sale and its registration must meet, the daily cap of claims per seller, and the days a
/// buyer has to answer "did this seller sell you the item?". Read where applied, so a change holds on
/// every node at once.
/// </summary>
public sealed class SalesPolicy
{
    public const int SingletonId = 1;
    public const int MaxWindowDays = 365;
    public const int MaxDailyCap = 1000;
    public const int MaxAnswerDays = 90;
    public const int DefaultAnswerDays = 14;

    public int Id { get; set; } = SingletonId;

    /// <summary>Days in which the other half of a sale may follow: the registration after the record, or the other way round.</summary>
    public int WindowDays { get; set; } = Sale.DefaultWindowDays;

    /// <summary>Claims one seller may make in 24 hours (recorded sales, buyer-named sales and claims waiting for the buyer).</summary>
    public int DailyCap { get; set; } = Sale.DefaultDailyCap;

    /// <summary>Days a buyer has to answer a claim made after the registration; unanswered, it expires unpaid.</summary>
    public int AnswerDays { get; set; } = DefaultAnswerDays;

    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
