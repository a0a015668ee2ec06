using System.Security.Cryptography;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// A partner's bonus budget: a ledger account of its own (kind PartnerBudget) that the brand tops up and
/// the partner's managers pay their sellers' bonuses from. Its id is derived from the partner's id, so two
/// first top-ups at once open the same account instead of two.
/// </summary>
public static class PartnerBudgets
{
    /// <summary>Reference type of the budget's entries: a top-up's or an award's id.</summary>
    public const string TopUpReference = "partner-budget";
    public const string BonusReference = "partner-bonus";

    /// <summary>The idempotency key of one side ("budget" or "seller") of an award.</summary>
    public static string BonusKey(string award, string side) => $"partner-bonus:{award}:{side}";

    public static Guid AccountId(int partnerId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"club:partner-budget:{partnerId}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static Task OpenAsync(IClubDb db, int partnerId, string partnerName, DateTimeOffset now, CancellationToken cancellationToken) =>
        PointsLedger.OpenAccountAsync(db, new PointsAccount
        {
            Id = AccountId(partnerId),
            Kind = PointsAccountKind.PartnerBudget,
            Name = partnerName.Length <= PointsAccount.MaxNameLength ? partnerName : partnerName[..PointsAccount.MaxNameLength],
            PartnerId = partnerId,
            CreatedAt = now,
        }, cancellationToken);

    /// <summary>What the budget holds now (0 before its first top-up).</summary>
    public static async Task<int> BalanceAsync(IClubDb db, int partnerId, CancellationToken cancellationToken)
    {
        var account = AccountId(partnerId);
        return await db.PointsBalances.Where(b => b.MemberId == account).Select(b => b.Balance).SingleOrDefaultAsync(cancellationToken);
    }
}
