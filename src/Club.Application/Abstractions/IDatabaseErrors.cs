namespace Club.Application.Abstractions;

/// <summary>Tells "the database cannot be reached or is out of connections" from errors in what was asked of it.</summary>
public interface IDatabaseErrors
{
    /// <summary>True when retrying later may succeed and nothing in the request was wrong.</summary>
    bool IsUnavailable(Exception exception);
}
