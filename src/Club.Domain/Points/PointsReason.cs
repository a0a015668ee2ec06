namespace Club.Domain.Points;

/// <summary>Why points moved; stored by name, so never rename a member.</summary>
public enum PointsReason
{
    ItemRegistered = 0,
    FirstItemBonus = 1,
    SaleConfirmed = 2,
    Correction = 3,

    // Activities: 30-39.
    ProfileCompleted = 30,
    SocialSubscription = 31,
    SurveyCompleted = 32,
    ContestEntered = 33,
    ContestWon = 34,
    PromotionBonus = 35,
}
