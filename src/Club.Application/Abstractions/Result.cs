using System.ComponentModel.DataAnnotations;

namespace Club.Application.Abstractions;

/// <summary>
/// The outcome of a command whose failure is the user's to fix (bad input, a rule said no).
/// Such failures are expected, so they are values the page shows, not exceptions.
/// </summary>
public sealed record Result(IReadOnlyList<ValidationResult> Errors)
{
    public static Result Ok { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static Result Invalid(IReadOnlyList<ValidationResult> errors) => new(errors);

    public static Result Fail(string message, string? member = null) =>
        new([new ValidationResult(message, member is null ? [] : [member])]);
}
