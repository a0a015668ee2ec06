using Club.Application.Abstractions;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points.Ledger;

/// <summary>Accounts that are not members: they post through the same statements once opened.</summary>
public static partial class PointsLedger
{
    /// <summary>
    /// Opens a non-member account (a charity campaign, a partner's bonus budget) with an empty balance;
    /// opening it again changes nothing. Its id is then the account id of its postings.
    /// </summary>
    public static async Task OpenAccountAsync(IClubDb db, PointsAccount account, CancellationToken cancellationToken)
    {
        if (account.Kind == PointsAccountKind.Member)
        {
            throw new ArgumentException("A member's account is the member's id; it needs no opening.", nameof(account));
        }

        var kind = account.Kind.ToString();
        await db.Database.ExecuteSqlAsync($"""
            WITH account AS (
                INSERT INTO points_accounts (id, kind, name, partner_id, created_at)
                VALUES ({account.Id}, {kind}, {account.Name}, {account.PartnerId}, {account.CreatedAt})
                ON CONFLICT (id) DO NOTHING
                RETURNING id)
            INSERT INTO points_balances (member_id, account_kind, balance, debt, updated_at)
            SELECT id, {kind}, 0, 0, {account.CreatedAt} FROM account
            """, cancellationToken);
    }
}
