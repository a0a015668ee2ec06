using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Abstractions;

/// <summary>The one database error handlers turn into a message, read from the provider-neutral SQLSTATE.</summary>
public static class UniqueViolations
{
    /// <summary>A unique index said no: someone else saved the same key between our check and our write.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is DbException { SqlState: "23505" };
}
