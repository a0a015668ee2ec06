using FluentValidation;

namespace Club.Application.Validation;

/// <summary>Rules that several commands share, with their one message.</summary>
public static class CommonRules
{
    /// <summary>Points a manager sets on a rule, an activity or a course: a whole number from 0 to <paramref name="max"/>.</summary>
    public static IRuleBuilderOptions<T, int> Points<T>(this IRuleBuilder<T, int> rule, int max) =>
        rule.InclusiveBetween(0, max).WithKey("Points must be whole numbers from {0} to {1:N0}.", 0, max);
}
