using System.Globalization;
using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points.Ledger;

/// <summary>
/// The one rule for when a lot expires, as SQL: every statement that writes a lot uses it, and code
/// that needs a date asks the database (<see cref="PointsLedger.ExpiryAsync"/>), so the month
/// arithmetic (31 January + 1 month = 28 February) is PostgreSQL's everywhere.
/// </summary>
internal static class LotExpiry
{
    private static readonly string Never = PointsLot.Never.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// When points earned at <paramref name="earnedAt"/> expire: after <paramref name="lifetimeMonths"/>
    /// (an int SQL expression; NULL = the program manager's lifetime, its default if the row was ever
    /// deleted by hand), 0 months = never. The policy subquery is uncorrelated: read once per statement.
    /// </summary>
    public static string Sql(string earnedAt, string lifetimeMonths)
    {
        var months = $"COALESCE({lifetimeMonths}, (SELECT pp.lifetime_months FROM points_policy pp), {PointsLot.DefaultLifetimeMonths})";
        return $"(CASE WHEN {months} <= 0 THEN timestamptz '{Never} 00:00:00+00' " +
               $"ELSE ({earnedAt} AT TIME ZONE 'UTC' + make_interval(months => {months})) AT TIME ZONE 'UTC' END)";
    }

    public static async Task<DateTimeOffset> OfAsync(IClubDb db, DateTimeOffset earnedAt, int? lifetimeMonths, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<DateTimeOffset>(
                FormattableStringFactory.Create($"SELECT {Sql("{0}::timestamptz", "{1}::int")} AS \"Value\"", earnedAt, lifetimeMonths))
            .ToListAsync(cancellationToken))[0];
}
