using Club.Application.Abstractions;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Points;

internal static class LedgerChecks
{
    /// <summary>Members whose balance row differs from the sum of their entries or of their lots (should be none).</summary>
    public static async Task<List<string>> MismatchedBalancesAsync(DatabaseFixture db)
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        return await context.Database.SqlQuery<string>($"""
            SELECT m.id::text AS "Value"
            FROM members m
            LEFT JOIN points_balances b ON b.member_id = m.id
            LEFT JOIN (SELECT member_id, sum(amount) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = m.id
            WHERE coalesce(b.balance, 0) <> coalesce(e.total, 0)
            """).ToListAsync();
    }

    /// <summary>
    /// Accounts breaking the ledger's invariant (should be none): per account, sum of entries = balance - debt,
    /// balance = sum of open lots, neither negative.
    /// </summary>
    public static Task<List<string>> InvariantBreachesAsync(IClubDb context) =>
        context.Database.SqlQuery<string>($"""
            SELECT b.member_id::text AS "Value"
            FROM points_balances b
            LEFT JOIN (SELECT member_id, sum(amount) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = b.member_id
            LEFT JOIN (SELECT member_id, sum(remaining) AS open FROM points_lots WHERE remaining > 0 GROUP BY member_id) l ON l.member_id = b.member_id
            WHERE coalesce(e.total, 0) <> b.balance - b.debt OR coalesce(l.open, 0) <> b.balance OR b.balance < 0 OR b.debt < 0
            """).ToListAsync();
}
