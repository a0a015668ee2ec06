namespace Club.Application.Features.Points;

/// <summary>
/// The one rule for a member's own multipliers of an item registration's points (the hidden Collector
/// status's, and any status added later): the largest applies, they never multiply each other, and the
/// result is the registration's one posting (no second credit). A promotion's bonus is separate: it is
/// computed on the item's own points (docs/decisions.md, "Multipliers").
/// </summary>
public static class RegistrationMultipliers
{
    /// <summary>The multiplier that applies: the largest of the member's, never below 1.</summary>
    public static decimal Combine(params decimal[] multipliers) => multipliers.Aggregate(1m, Math.Max);

    /// <summary>The registration's points: the item's points times the multiplier, rounded half away from zero.</summary>
    public static int Apply(int itemPoints, decimal multiplier) =>
        (int)Math.Round(itemPoints * multiplier, MidpointRounding.AwayFromZero);
}
