namespace Club.Infrastructure;

/// <summary>
/// The installation is not set up so that Club can run (database, keys, folders). The message is for
/// the person at the terminal: what is wrong and what to do; hosts print it instead of a stack trace.
/// </summary>
public class ClubSetupException(string message, Exception? inner = null) : Exception(message, inner);
