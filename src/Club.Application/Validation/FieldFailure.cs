using Club.Application.Abstractions;

namespace Club.Application.Validation;

/// <summary>One rule an input broke: the command's property (null for the whole command) and what to tell the user.</summary>
public sealed record FieldFailure(string? Field, UserMessage Message);
