namespace Club.Infrastructure.Postgres;

/// <summary>
/// The embedded server could not be started or used. The message is written for the person at the
/// terminal: it says what went wrong and what to do, so the host prints it instead of a stack trace.
/// </summary>
public sealed class EmbeddedPostgresException(string message, Exception? inner = null) : ClubSetupException(message, inner);
