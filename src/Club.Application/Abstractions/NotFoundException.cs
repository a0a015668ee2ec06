namespace Club.Application.Abstractions;

/// <summary>
/// The thing asked for does not exist or is not visible to the caller. Pages turn it into a 404, which
/// is also what a user probing another partner's ids sees, so ids reveal nothing.
/// </summary>
public sealed class NotFoundException(string message) : Exception(message);
