using System.Net.Sockets;
using Club.Application.Abstractions;
using Npgsql;

namespace Club.Infrastructure.Postgres;

/// <summary>Tells "the database cannot be reached or is out of connections" from errors in what was asked of it.</summary>
public sealed class DatabaseErrors : IDatabaseErrors
{
    bool IDatabaseErrors.IsUnavailable(Exception exception) => IsUnavailable(exception);

    /// <summary>
    /// True for a server that is down, restarting or refusing connections (SQLSTATE classes 08, 53 and
    /// 57P: connection failures, too many clients, shutdown), for a network failure on the way to it, and
    /// for a local pool with no free connection within its timeout. Looks through wrappers (EF's retry
    /// strategy, aggregate exceptions). Retrying later may succeed; nothing in the request was wrong.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case NpgsqlException { IsTransient: true }:
                    return true;
                case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                    return aggregate.InnerExceptions.Any(IsUnavailable);
            }
        }

        return false;
    }
}
