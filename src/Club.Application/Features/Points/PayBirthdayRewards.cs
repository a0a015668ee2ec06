using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>
/// Pays birthday points (rules BuyerBirthday / SellerBirthday) to buyers and active sellers whose
/// birthday is today in the brand's time zone (or within the catch-up days), and queues the greeting.
/// One statement: no member is loaded into the app, and the entries, lots, balances and mails commit
/// together or not at all. The key birthday:{member}:{year} makes it once a year whatever happens:
/// a re-run, a run killed midway (its statement rolls back), two nodes at once (the second insert
/// waits for the first and finds the keys taken), or a birthday moved to a later date.
/// Members born on 29 February are paid on 28 February in other years. Returns members paid.
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
        var quietSince = now.AddDays(-settings.BirthdayChangeQuietDays);
        var expires = PointsLot.ExpiryFor(now);
        var (buyer, seller) = (Roles.Buyer, Roles.Seller);
        var (buyerRule, sellerRule) = (nameof(PointsRuleKind.BuyerBirthday), nameof(PointsRuleKind.SellerBirthday));
        var reason = nameof(PointsReason.Birthday);
        var active = nameof(SellerStatus.Active);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // Millions of rows in one statement: longer than the default 30 s a page query gets.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        // Birthdays match on month*100+day against the wanted days (a hash join over members); a member
        // with both roles is paid once (DISTINCT ON), by the latest matching day.
        var paid = await db.Database.SqlQuery<int>($"""
            WITH wanted AS (
                SELECT * FROM unnest({monthDays}::int[], {days}::date[]) AS w(month_day, day)),
            due AS (
                SELECT DISTINCT ON (m.id) m.id AS member_id, m.full_name, r.points, w.day
                FROM members m
                JOIN wanted w ON (extract(month FROM m.birthday) * 100 + extract(day FROM m.birthday))::int = w.month_day
                JOIN user_roles ur ON ur.user_id = m.id
                JOIN roles ro ON ro.id = ur.role_id AND ro.name IN ({buyer}, {seller})
                JOIN points_rules r ON r.kind = CASE ro.name WHEN {buyer} THEN {buyerRule} ELSE {sellerRule} END AND r.points > 0
                WHERE m.birthday IS NOT NULL
                  AND (ro.name = {buyer} OR m.seller_status = {active})
                  AND (m.birthday_changed_at IS NULL OR m.birthday_changed_at < {quietSince})
                ORDER BY m.id, w.day DESC),
            entry AS (
                INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                SELECT member_id, points, {reason}, 'member', member_id::text,
                       'birthday:' || member_id || ':' || extract(year FROM day)::int, {now}
                FROM due
                ORDER BY 1
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, member_id, amount, idempotency_key),
            lot AS (
                INSERT INTO points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at)
                SELECT id, member_id, amount, amount, {now}, {expires} FROM entry),
            balance AS (
                INSERT INTO points_balances (member_id, balance, updated_at)
                SELECT member_id, amount, {now} FROM entry
                ON CONFLICT (member_id) DO UPDATE SET balance = points_balances.balance + excluded.balance, updated_at = excluded.updated_at),
            mail AS (
                INSERT INTO mail_outbox (idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at)
                SELECT e.idempotency_key, e.member_id, {MailTemplate},
                       jsonb_build_object('Name', d.full_name, 'Points', e.amount::text), {now}, 0, {now}
                FROM entry e JOIN due d ON d.member_id = e.member_id
                ON CONFLICT (idempotency_key) DO NOTHING)
            SELECT count(*)::int AS "Value" FROM entry
            """).ToListAsync(cancellationToken);
        return paid[0];
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
