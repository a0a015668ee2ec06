using Club.Application.Abstractions;
using FluentValidation;

namespace Club.Application.Validation;

/// <summary>
/// The shape and range rules of a command, checked before its handler runs. Rules stop at the first
/// failure, in the order written: the pages show one message, the first rule the input broke.
/// Rules that need the database (existence, uniqueness) stay in the handler.
/// </summary>
public abstract class CommandValidator<TCommand> : AbstractValidator<TCommand>
{
    protected CommandValidator()
    {
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleLevelCascadeMode = CascadeMode.Stop;
    }
}

public static class RuleMessages
{
    /// <summary>
    /// The failure's message as a UI key with values for its {0}, {1}... (the limits, from the domain's constants).
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> WithKey<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string key, params object[] args)
    {
        var message = new UserMessage(key, args);
        // FluentValidation's own message formatter is bypassed: the text is the key's English with the values.
        return rule.WithMessage(message.Text).WithState(_ => message);
    }
}
