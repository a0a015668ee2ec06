namespace Club.Domain.Reports;

public enum ReportPeriod
{
    Weekly = 0,
    Monthly = 1,
}

/// <summary>
/// A partner manager's wish to get the partner report by mail for every past week or month.
/// One per manager; the mail of each period is sent once (see report_deliveries).
/// </summary>
public sealed class ReportSubscription
{
    public int Id { get; set; }
    public Guid MemberId { get; set; }
    public ReportPeriod Period { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>That the report of one subscription and period was built and mailed; unique per both.</summary>
public sealed class ReportDelivery
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
