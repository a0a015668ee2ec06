namespace Club.Domain.Points;

/// <summary>Why points moved; stored by name, so never rename a member.</summary>
public enum PointsReason
{
    ItemRegistered = 0,
    FirstItemBonus = 1,
    SaleConfirmed = 2,
    Correction = 3,

    /// <summary>Points spent on a gift order (debit).</summary>
    GiftOrdered = 10,

    /// <summary>Points of a cancelled or rejected gift order given back (credit).</summary>
    GiftRefunded = 11,

    /// <summary>A seller read every lesson of a course (once per course and seller).</summary>
    CourseCompleted = 40,

    /// <summary>A seller passed a course's test (once per course and seller, however many attempts).</summary>
    TestPassed = 41,

    // Activities: 30-39.
    ProfileCompleted = 30,
    SocialSubscription = 31,
    SurveyCompleted = 32,
    ContestEntered = 33,
    ContestWon = 34,
    PromotionBonus = 35,

    /// <summary>A new buyer's welcome bonus (once per member, a short-lived lot of its own).</summary>
    WelcomeBonus = 36,

    /// <summary>An invitation paid: to the member who invited and to the friend, when the friend registers a first item.</summary>
    ReferralBonus = 37,

    /// <summary>Points a member gave to a charity campaign (debit of the member, credit of the campaign's account).</summary>
    Donation = 38,
    // 20-29: scheduled rewards and expiry.
    Birthday = 20,

    /// <summary>What was left of a lot when it reached its expiry date.</summary>
    Expired = 21,

    /// <summary>Everything posted for one source, taken back (or given back) as a whole, e.g. a returned item.</summary>
    Reversed = 22,

    /// <summary>An item's points moved with the item from its old owner (debit) to its new one (credit).</summary>
    MovedWithItem = 23,

    // 50-59: partners' bonus budgets.

    /// <summary>The brand put points into a partner's bonus budget (credit of the budget account).</summary>
    PartnerBudgetTopUp = 50,

    /// <summary>A partner's manager paid a bonus from the budget: the budget's debit and the seller's credit.</summary>
    PartnerBonus = 51,
}
