using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Members;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>
/// Pays birthday points (rules BuyerBirthday / SellerBirthday) to buyers and active sellers whose
/// birthday is today in the brand's time zone (or within the catch-up days), and queues the greeting.
/// Set-based, in member ranges (<see cref="MemberRanges"/>): no member is loaded into the app, and a
/// member's entry, lot, balance and mail commit together or not at all. The key birthday:{member}:{year}
/// makes it once a year whatever happens: a re-run, a run killed midway (its open ranges roll back,
/// the re-run pays them), two nodes at once (the second insert waits for the first and finds the keys
/// taken), or a birthday moved to a later date. Members born on 29 February are paid on 28 February
/// in other years. Returns members paid.
/// </summary>
public sealed record PayBirthdayRewardsCommand : ICommand<int>;

public sealed class PayBirthdayRewardsHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock)
    : ICommandHandler<PayBirthdayRewardsCommand, int>
{
    public const string MailTemplate = "BirthdayGreeting";

    public async ValueTask<int> Handle(PayBirthdayRewardsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (monthDays, days) = BirthdaysOn(settings.Today(now), settings.BirthdayCatchUpDays);
        var reason = nameof(PointsReason.Birthday);
        var active = nameof(SellerStatus.Active);
        var (buyerPoints, sellerPoints, policy) = await RulesAsync(cancellationToken);
        var quietSince = now.AddDays(-policy.BirthdayQuietDays);
        if (buyerPoints <= 0 && sellerPoints <= 0)
        {
            return 0;
        }

        // The month-day expression is the one of the index ix_members_birthday_month_day (members born
        // on a day are read from the index, in id order, not by scanning every member). Roles are looked
        // up per member (a probe of the primary key): on a normal day that beats hashing every buyer's
        // role, and on a day with a million birthdays it costs about the same. An active seller who is
        // also a buyer gets the seller's points. The ledger writes the greeting with each new entry,
        // under the entry's key; the member's name is filled in when it is sent.
        return await MemberRanges.RunAsync(dbFactory, settings, $"""
            SELECT id AS "Value" FROM (
                SELECT id, row_number() OVER (ORDER BY id) AS n FROM members
                WHERE birthday IS NOT NULL AND ((extract(month FROM birthday) * 100 + extract(day FROM birthday))::int) = ANY ({monthDays})) s
            WHERE n % {Math.Max(1, settings.JobBatchSize)} = 0
            ORDER BY id
            """,
            (db, from, to, token) => PointsLedger.PostSetAsync(db, $"""
                WITH wanted AS (
                    SELECT DISTINCT ON (month_day) * FROM unnest({monthDays}::int[], {days}::date[]) AS w(month_day, day)
                    ORDER BY month_day, day DESC)
                SELECT m.id AS member_id,
                       CASE WHEN roles.seller AND {sellerPoints} > 0 THEN {sellerPoints} ELSE {buyerPoints} END AS amount,
                       {reason}::text AS reason, 'member' AS reference_type, m.id::text AS reference_id,
                       'birthday:' || m.id || ':' || extract(year FROM w.day)::int AS idempotency_key
                FROM members m
                JOIN wanted w ON ((extract(month FROM m.birthday) * 100 + extract(day FROM m.birthday))::int) = w.month_day
                CROSS JOIN LATERAL (
                    SELECT bool_or(r.role_id = (SELECT id FROM roles WHERE name = {Roles.Seller})) AND m.seller_status = {active} AS seller,
                           bool_or(r.role_id = (SELECT id FROM roles WHERE name = {Roles.Buyer})) AS buyer
                    FROM user_roles r WHERE r.user_id = m.id) roles
                WHERE m.birthday IS NOT NULL AND m.id >= {from} AND m.id < {to}
                  AND (m.birthday_changed_at IS NULL OR m.birthday_changed_at < {quietSince})
                  AND (roles.seller AND {sellerPoints} > 0 OR roles.buyer AND {buyerPoints} > 0)
                """,
                now, token, new LedgerMail(MailTemplate, "jsonb_build_object('Points', amount::text)")),
            cancellationToken);
    }

    private async Task<(int Buyer, int Seller, PointsPolicy Policy)> RulesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rules = await db.PointsRules
            .Where(r => r.Kind == PointsRuleKind.BuyerBirthday || r.Kind == PointsRuleKind.SellerBirthday)
            .Select(r => new { r.Kind, r.Points })
            .ToListAsync(cancellationToken);
        int PointsOf(PointsRuleKind kind) => rules.Where(r => r.Kind == kind).Select(r => r.Points).DefaultIfEmpty(0).Max();
        return (PointsOf(PointsRuleKind.BuyerBirthday), PointsOf(PointsRuleKind.SellerBirthday), await PointsPolicies.CurrentAsync(db, cancellationToken));
    }

    /// <summary>
    /// The birthdays (as month*100+day) to pay for each day from <paramref name="catchUpDays"/> ago to
    /// today, with the day they are paid for (its year goes into the key); 29 February birthdays are due
    /// on 28 February when the year has no 29th.
    /// </summary>
    public static (int[] MonthDays, DateOnly[] Days) BirthdaysOn(DateOnly today, int catchUpDays)
    {
        var wanted = new List<(int, DateOnly)>();
        for (var back = Math.Max(0, catchUpDays); back >= 0; back--)
        {
            var day = today.AddDays(-back);
            wanted.Add((day.Month * 100 + day.Day, day));
            if (day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year))
            {
                wanted.Add((229, day));
            }
        }

        return (wanted.Select(w => w.Item1).ToArray(), wanted.Select(w => w.Item2).ToArray());
    }
}
