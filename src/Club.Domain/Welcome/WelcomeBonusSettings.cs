namespace Club.Domain.Welcome;

/// <summary>When a new buyer's welcome bonus is paid: never at the sign-up itself, so mass sign-ups earn nothing.</summary>
public enum WelcomeBonusTrigger
{
    /// <summary>When the member confirms their phone with the SMS code.</summary>
    PhoneConfirmed = 0,

    /// <summary>When the member registers their first item.</summary>
    FirstItem = 1,
}

/// <summary>
/// The one row of the welcome bonus a program manager edits: whether it is on, how many points, how long
/// they last (a lot of its own, shorter than ordinary points), what pays it, and the line the sign-up page shows.
/// </summary>
public sealed class WelcomeBonusSettings
{
    public const int SingletonId = 1;
    public const int DefaultLifetimeMonths = 1;
    public const int MaxLifetimeMonths = 12;
    public const int MaxTextLength = 300;

    public int Id { get; set; } = SingletonId;
    public bool Enabled { get; set; }
    public int Points { get; set; }

    /// <summary>Months the bonus lasts from the day it is paid; its lot expires on its own date.</summary>
    public int LifetimeMonths { get; set; } = DefaultLifetimeMonths;

    public WelcomeBonusTrigger PaidWhen { get; set; } = WelcomeBonusTrigger.PhoneConfirmed;
    public string? TextRu { get; set; }
    public string? TextEn { get; set; }

    /// <summary>When it was last switched on: only members who joined since are welcomed (older members did not join for it).</summary>
    public DateTimeOffset? EnabledAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
