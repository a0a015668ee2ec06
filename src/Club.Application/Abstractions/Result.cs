using System.ComponentModel.DataAnnotations;
using Club.Application.Validation;

namespace Club.Application.Abstractions;

/// <summary>
/// The outcome of a command whose failure is the user's to fix (bad input, a rule said no).
/// Such failures are expected, so they are values the page shows, not exceptions.
/// </summary>
public sealed record Result(IReadOnlyList<ValidationResult> Errors) : IFailable<Result>
{
    public static Result Ok { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static Result Invalid(IReadOnlyList<ValidationResult> errors) => new(errors);

    public static Result Invalid(IReadOnlyList<FieldFailure> failures) =>
        new([.. failures.Select(f => new MessageResult(f.Message, f.Field))]);

    public static Result Fail(string message, string? member = null) =>
        new([new ValidationResult(message, member is null ? [] : [member])]);

    public static Result Fail(UserMessage message, string? member = null) => new([new MessageResult(message, member)]);
}

/// <summary>
/// A failure that keeps its message key and values beside the English text, so the page can translate it.
/// </summary>
public sealed class MessageResult(UserMessage message, string? member)
    : ValidationResult(message.Text, member is null ? [] : [member])
{
    public UserMessage Message { get; } = message;
}

public static class ValidationResultMessages
{
    /// <summary>The message to show: the key and values when the failure kept them, else its text as the key.</summary>
    public static UserMessage Message(this ValidationResult result) =>
        result is MessageResult keyed ? keyed.Message : new UserMessage(result.ErrorMessage ?? "");
}
