namespace Club.Domain.Points;

/// <summary>The bonuses that can meet on one member or one registration; the rules page shows their stacking table.</summary>
public enum Bonus
{
    /// <summary>The most generous running promotion's bonus on a registration.</summary>
    Promotion,

    /// <summary>The bonus for a member's first registered item (once per member).</summary>
    FirstItem,

    /// <summary>The new buyer's welcome bonus (once per member).</summary>
    Welcome,

    /// <summary>The invitation bonus, paid to both the member who invited and the friend.</summary>
    Referral,

    /// <summary>The member's tier multiplier on an item's registration points.</summary>
    TierMultiplier,

    /// <summary>The hidden Collector status's multiplier on an item's registration points.</summary>
    CollectorMultiplier,
}

/// <summary>
/// The one stacking table: which bonuses combine with which. The rules page renders it and the code that
/// pays a bonus asks it, so what members read is what they get. Every pair combines unless listed in
/// <see cref="Exclusions"/>; multipliers only ever multiply an item's registration points, never a bonus.
/// </summary>
public static class BonusStacking
{
    public static IReadOnlyList<Bonus> All { get; } = Enum.GetValues<Bonus>();

    /// <summary>The pairs that do not combine, each with the rule that applies instead (an English message key).</summary>
    public static IReadOnlyDictionary<(Bonus, Bonus), string> Exclusions { get; } = new Dictionary<(Bonus, Bonus), string>
    {
        [(Bonus.Promotion, Bonus.Welcome)] =
            "A registration that earns a promotion bonus does not pay the welcome bonus: it waits for the next registration without one.",
        [(Bonus.Welcome, Bonus.Referral)] =
            "A member who joined through an invitation gets the invitation bonus instead of the welcome bonus.",
        [(Bonus.TierMultiplier, Bonus.CollectorMultiplier)] =
            "Only the larger of the tier and Collector multipliers applies.",
    };

    /// <summary>Whether two different bonuses are both paid; a bonus never combines with itself (each is paid once where it applies).</summary>
    public static bool Combines(Bonus a, Bonus b) =>
        a != b && !Exclusions.ContainsKey((a, b)) && !Exclusions.ContainsKey((b, a));

    /// <summary>Whether <paramref name="bonus"/> may be paid beside everything in <paramref name="paid"/>.</summary>
    public static bool CombinesWithAll(Bonus bonus, IEnumerable<Bonus> paid) => paid.All(p => Combines(bonus, p));

    /// <summary>The multiplier for an item's registration points given the member's tier and Collector multipliers (1 = none).</summary>
    public static decimal RegistrationMultiplier(decimal tier, decimal collector) =>
        Combines(Bonus.TierMultiplier, Bonus.CollectorMultiplier) ? tier * collector : Math.Max(tier, collector);

    /// <summary>The rule of a pair that does not combine, or null when both are paid.</summary>
    public static string? ExclusionRule(Bonus a, Bonus b) =>
        Exclusions.TryGetValue((a, b), out var rule) || Exclusions.TryGetValue((b, a), out rule) ? rule : null;
}
