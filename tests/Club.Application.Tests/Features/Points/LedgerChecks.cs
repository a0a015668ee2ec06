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
}
