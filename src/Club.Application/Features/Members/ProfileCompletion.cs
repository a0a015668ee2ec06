using Club.Application.Abstractions;
using Club.Application.Features.Activities;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Members;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Members;

/// <summary>
/// The one-time profile completion points: name, birthday, city and a confirmed phone, and for a
/// seller also position and shop. Called after each profile change and phone confirmation; the key
/// <c>profile:{member}</c> makes every later call (an edit, a retry, a parallel save) pay nothing.
/// </summary>
public static class ProfileCompletion
{
    /// <summary>The fields a member still has to fill, as English message keys; empty when complete.</summary>
    public sealed record Status(IReadOnlyList<string> Missing, bool Seller, bool Paid, int Points);

    // The same test as <see cref="Missing"/>, in SQL, so the credit's guard checks the committed row.
    private const string CompleteSql = """
        SELECT m.id FROM members m JOIN users u ON u.id = m.id
        WHERE m.id = {0} AND btrim(m.full_name) <> '' AND m.birthday IS NOT NULL AND coalesce(btrim(m.city), '') <> ''
          AND u.phone_number_confirmed AND coalesce(u.phone_number, '') <> ''
          AND (m.seller_status IS NULL OR (m.seller_status = 'Active' AND coalesce(btrim(m.position), '') <> '' AND m.shop_id IS NOT NULL))
        """;

    public static string KeyOf(Guid memberId) => $"profile:{memberId}";

    /// <summary>Credits the points if the profile is complete and they were never paid; true when paid now.</summary>
    public static async Task<bool> PayIfCompleteAsync(IClubDb db, Guid memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seller = await db.Members.Where(m => m.Id == memberId).Select(m => m.SellerStatus != null).SingleAsync(cancellationToken);
        var points = await ActivityRules.PointsAsync(db, seller ? PointsRuleKind.SellerProfile : PointsRuleKind.BuyerProfile, cancellationToken);
        if (points <= 0)
        {
            return false;
        }

        var posting = new PointsPosting(memberId, points, PointsReason.ProfileCompleted, PointsLedger.MemberReference, memberId.ToString(), KeyOf(memberId));
        var result = await PointsLedger.PostAsync(db, [posting], now, cancellationToken, guard: new LedgerGuard(CompleteSql, [memberId]));
        return result.Posted.Count == 1;
    }

    public static async Task<Status> StatusAsync(IClubDb db, Guid memberId, CancellationToken cancellationToken)
    {
        var m = await db.Members.AsNoTracking().SingleOrDefaultAsync(x => x.Id == memberId, cancellationToken)
            ?? throw new NotFoundException("Member not found.");
        var phone = await PhoneAsync(db, memberId, cancellationToken);
        var seller = m.SellerStatus is not null;
        var missing = new (bool Missing, string Field)[]
        {
            (string.IsNullOrWhiteSpace(m.FullName), "Your name"),
            (m.Birthday is null, "Birthday"),
            (string.IsNullOrWhiteSpace(m.City), "City"),
            (!phone.Confirmed, "Confirmed phone"),
            (seller && string.IsNullOrWhiteSpace(m.Position), "Position"),
            (seller && m.ShopId is null, "Shop"),
            (seller && m.SellerStatus != SellerStatus.Active, "Active seller account"),
        }.Where(f => f.Missing).Select(f => f.Field).ToList();

        var key = KeyOf(memberId);
        var paid = await db.PointsEntries.AnyAsync(e => e.IdempotencyKey == key, cancellationToken);
        var points = await ActivityRules.PointsAsync(db, seller ? PointsRuleKind.SellerProfile : PointsRuleKind.BuyerProfile, cancellationToken);
        return new Status(missing, seller, paid, points);
    }

    /// <summary>The member's phone from the account (Identity's table, which handlers do not map) and whether it is confirmed.</summary>
    public static async Task<(string? Number, bool Confirmed)> PhoneAsync(IClubDb db, Guid memberId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<PhoneRow>($"SELECT phone_number, phone_number_confirmed FROM users WHERE id = {memberId}")
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? (null, false) : (rows[0].PhoneNumber, rows[0].PhoneNumberConfirmed && rows[0].PhoneNumber is { Length: > 0 });
    }

    private sealed record PhoneRow(string? PhoneNumber, bool PhoneNumberConfirmed);
}
