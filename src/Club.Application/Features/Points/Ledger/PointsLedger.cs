using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points.Ledger;

/// <summary>
/// Writes ledger entries inside the caller's transaction, so a registration and its credits commit or
/// fail together. Not a use case of its own: handlers that move points call it.
/// </summary>
public static partial class PointsLedger
{
    public const string TagReference = "tag";
    public const string MemberReference = "member";
    public const string SaleReference = "sale";

    /// <summary>
    /// Appends the entry, its lot (for a credit) and the new balance. Returns false when the
    /// idempotency key was used before: nothing is written and the earlier result stands.
    /// A debit that would take the balance below zero fails on the balance's check constraint.
    /// A posting for a deactivated member throws <see cref="PointsFrozenException"/> before anything is written.
    /// A debit consumes the member's open lots, soonest-expiring (i.e. oldest) first.
    /// </summary>
    public static async Task<bool> PostAsync(IClubDb db, PointsPosting posting, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await PostAsync(db, [posting], now, cancellationToken)).Posted.Count == 1;

    /// <summary>
    /// Appends several entries in one statement, in the given order, and says which keys were new (the
    /// others had been posted before). With a <paramref name="guard"/>, the guard runs in the same
    /// statement and the entries are written only if it returned a row. <paramref name="balanceRowsExist"/>
    /// skips creating the members' balance rows when the caller has just seen them; <paramref name="membersSeenActive"/>
    /// skips the frozen-account check when the caller has just read that the members are not deactivated
    /// (a round trip saved for the registration, which reads it with the tag). <paramref name="mail"/> is
    /// queued in the same statement when the guard (if any) passed, and <paramref name="alongside"/> runs in it
    /// (<see cref="LedgerSideStatement"/>): the registration's mail and guess allowances cost no round trips of their own.
    /// </summary>
    public static async Task<LedgerResult> PostAsync(
        IClubDb db, IReadOnlyList<PointsPosting> postings, DateTimeOffset now, CancellationToken cancellationToken,
        bool balanceRowsExist = false, LedgerGuard? guard = null, bool membersSeenActive = false, LedgerPostingMail? mail = null,
        LedgerSideStatement? alongside = null)
    {
        if (postings.Count == 0 && guard is null)
        {
            return new LedgerResult(false, []);
        }

        if (postings.Any(p => p.Amount == 0))
        {
            throw new ArgumentException("A ledger entry moves at least one point.", nameof(postings));
        }

        var members = postings.Select(p => p.MemberId).ToArray();
        if (members.Length > 0 && !membersSeenActive)
        {
            await RefuseFrozenAsync(db, members, cancellationToken);
        }

        if (!balanceRowsExist && members.Length > 0)
        {
            // The balance row must exist before the entries: an upsert's insert half would check a
            // debit's negative amount against the constraint before noticing the conflict.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO points_balances (member_id, balance, updated_at) SELECT DISTINCT m, 0, {now} FROM unnest({members}) AS m ON CONFLICT (member_id) DO NOTHING",
                cancellationToken);
        }

        object[] args =
        [
            members,
            postings.Select(p => p.Amount).ToArray(),
            postings.Select(p => p.Reason.ToString()).ToArray(),
            postings.Select(p => p.ReferenceType).ToArray(),
            postings.Select(p => p.ReferenceId).ToArray(),
            postings.Select(p => p.IdempotencyKey).ToArray(),
            now,
            postings.Select(p => p.ExpiresAt).ToArray(),
            postings.Select(p => p.LifetimeMonths).ToArray(),
            postings.Select(p => p.PartnerId).ToArray(),
        ];
        var guardSql = guard is null ? "" : $"guard AS ({SqlComposition.Renumber(guard.Sql, args.Length)}),";
        var onlyIfGuarded = guard is null ? "" : "WHERE EXISTS (SELECT 1 FROM guard)";
        var guardRow = guard is null ? "" : "UNION ALL SELECT '', NULL FROM guard";
        object[] mailArgs = mail is null ? [] : [mail.IdempotencyKey, mail.MemberId, mail.Template, mail.ValuesJson, mail.PointsField];
        var mailSql = mail is null ? "" : MailSql(args.Length + (guard?.Args.Count ?? 0), guard is not null);
        var alongsideSql = alongside is null
            ? ""
            : $", alongside AS ({SqlComposition.Renumber(alongside.Sql, args.Length + (guard?.Args.Count ?? 0) + mailArgs.Length)})";

        // One round trip: the guard, the entries, their lots and the balances move together or not at
        // all. Entries go in array order, so callers control the order in which keys are taken.
        // Only fixed SQL from this code base is spliced in (the guard's text); every value is a parameter.
        // Sub-statements share one snapshot, so a credit and a debit of the same member in one call do
        // not net inside lots: post them apart. The balance rows come back with their debt (the latest
        // row version, as the UPDATE sees it): a credit to an account in debt settles it next.
        var sql = $$"""
            WITH {{guardSql}}
            posting AS (
                SELECT * FROM unnest({0}, {1}, {2}, {3}, {4}, {5}, {7}, {8}, {9}) WITH ORDINALITY AS p(m, a, r, rt, ri, k, expires, months, partner, n)),
            entry AS (
                INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                SELECT m, a, r, rt, ri, k, {6}
                FROM posting
                {{onlyIfGuarded}}
                ORDER BY n
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, member_id, amount, reference_type, reference_id, idempotency_key),
            lot AS (
                INSERT INTO points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at, partner_id, batch_id)
                SELECT e.id, e.member_id, e.amount, e.amount, {6}, COALESCE(p.expires, {{LotExpiry.Sql("{6}", "p.months")}}),
                       COALESCE(p.partner, src.partner_id), src.batch_id
                FROM entry e
                CROSS JOIN LATERAL (SELECT expires, months, partner FROM posting WHERE posting.k = e.idempotency_key LIMIT 1) p
                {{LotSource.JoinSql("e")}}
                WHERE e.amount > 0),
            debit AS (
                SELECT member_id, -sum(amount) AS amount FROM entry WHERE amount < 0 GROUP BY member_id),
            {{SpendSql("debit")}},
            balance AS (
                UPDATE points_balances b SET balance = b.balance + t.total, updated_at = {6}
                FROM (SELECT member_id, sum(amount) AS total FROM entry GROUP BY member_id) t
                WHERE b.member_id = t.member_id
                RETURNING b.member_id, b.balance, b.debt)
            {{mailSql}}
            {{alongsideSql}}
            SELECT idempotency_key AS key, NULL::uuid AS debtor FROM entry {{guardRow}}
            UNION ALL SELECT NULL, member_id FROM balance WHERE debt > 0 AND balance > 0
            """;
        var rows = await db.Database.SqlQueryRaw<PostedRow>(sql, [.. args, .. guard?.Args ?? [], .. mailArgs, .. alongside?.Args ?? []]).ToListAsync(cancellationToken);
        var debtors = rows.Where(r => r.Debtor is not null).Select(r => r.Debtor!.Value).ToArray();
        if (debtors.Length > 0)
        {
            await SettleDebtsAsync(db, debtors, now, cancellationToken);
        }

        var keys = rows.Where(r => r.Key is not null).Select(r => r.Key!).ToList();
        return new LedgerResult(guard is null || keys.Contains(""), keys.Where(k => k.Length > 0).ToList());
    }

    /// <summary>
    /// The sub-statement queueing a <see cref="LedgerPostingMail"/> (its five values from placeholder
    /// <paramref name="first"/> on): its points are what the statement's new entries credited, and it is
    /// queued only when the guard returned a row. A key queued before is skipped, as by every mail insert.
    /// </summary>
    private static string MailSql(int first, bool guarded)
    {
        string At(int offset) => "{" + (first + offset).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        var source = $"SELECT {At(0)}::text, {At(1)}::uuid, {At(2)}::text, "
            + $"{At(3)}::jsonb || jsonb_build_object({At(4)}::text, (SELECT coalesce(sum(amount), 0) FROM entry)::text)"
            + (guarded ? " WHERE EXISTS (SELECT 1 FROM guard)" : "");
        return $", mail AS ({MailOutboxWriter.InsertFromSql(source, "{6}")} ON CONFLICT (idempotency_key) DO NOTHING)";
    }

    /// <summary>
    /// The sub-statement that spends open lots oldest expiry first: for each row of <paramref name="amounts"/>
    /// (columns member_id, amount &gt; 0), a lot gives min(remaining, amount - before), "before" being what
    /// the account's earlier lots already cover. The caller lowers the balance by the same amounts.
    /// </summary>
    private static string SpendSql(string amounts) => $"""
        spend AS (
            UPDATE points_lots l SET remaining = l.remaining - least(l.remaining, o.total - o.before)
            FROM (
                SELECT pl.entry_id, d.amount AS total,
                       coalesce(sum(pl.remaining) OVER (PARTITION BY pl.member_id ORDER BY pl.expires_at, pl.entry_id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                FROM points_lots pl JOIN {amounts} d ON d.member_id = pl.member_id
                WHERE pl.remaining > 0) o
            WHERE l.entry_id = o.entry_id AND o.before < o.total)
        """;

    /// <summary>
    /// Settles what <paramref name="accounts"/> owe from their balances: balance and debt both drop by
    /// min(balance, debt) and the lots are spent oldest first. No entry: the reversal that made the debt
    /// is already in the journal. The balance rows are locked first (a parallel credit settling the same
    /// debt waits, then sees it smaller or gone), so the lots read next are the latest.
    /// </summary>
    private static async Task SettleDebtsAsync(IClubDb db, Guid[] accounts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using var _ = own;
        var owed = await db.Database.SqlQuery<Owed>($"""
            SELECT member_id, least(balance, debt) AS amount FROM points_balances
            WHERE member_id = ANY({accounts}) AND debt > 0 AND balance > 0
            ORDER BY member_id
            FOR UPDATE
            """).ToListAsync(cancellationToken);
        if (owed.Count > 0)
        {
            await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create($$"""
                WITH owed AS (SELECT * FROM unnest({0}::uuid[], {1}::int[]) AS o(member_id, amount)),
                {{SpendSql("owed")}}
                UPDATE points_balances b SET balance = b.balance - o.amount, debt = b.debt - o.amount, updated_at = {2}
                FROM owed o WHERE b.member_id = o.member_id
                """, owed.Select(o => o.MemberId).ToArray(), owed.Select(o => o.Amount).ToArray(), now), cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    private sealed record Owed(Guid MemberId, int Amount);

    private sealed record PostedRow(string? Key, Guid? Debtor);

    /// <summary>
    /// Locks the members' balance rows until the transaction ends and returns their balances (members
    /// without a row are missing from the result). Take it first in any transaction that moves points
    /// and stock, so every such transaction takes its locks in the same order.
    /// </summary>
    public static async Task<Dictionary<Guid, int>> LockBalancesAsync(IClubDb db, IReadOnlyCollection<Guid> members, CancellationToken cancellationToken)
    {
        var ids = members.Distinct().ToArray();
        var rows = await db.Database.SqlQuery<LockedBalance>(
                $"SELECT member_id, balance FROM points_balances WHERE member_id = ANY({ids}) ORDER BY member_id FOR UPDATE")
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.MemberId, r => r.Balance);
    }

    /// <summary>
    /// When a credit posted at <paramref name="earnedAt"/> would expire: after <paramref name="lifetimeMonths"/>,
    /// or the program manager's lifetime when null (the same SQL the ledger writes lots with).
    /// </summary>
    public static Task<DateTimeOffset> ExpiryAsync(IClubDb db, DateTimeOffset earnedAt, CancellationToken cancellationToken, int? lifetimeMonths = null) =>
        LotExpiry.OfAsync(db, earnedAt, lifetimeMonths, cancellationToken);

    private sealed record LockedBalance(Guid MemberId, int Balance);

    /// <summary>The points of a rule that has no product or collection (first-item bonus, seller's sale), or null when unset.</summary>
    public static Task<int?> GlobalRulePointsAsync(IClubDb db, PointsRuleKind kind, CancellationToken cancellationToken) =>
        db.PointsRules.Where(r => r.Kind == kind).Select(r => (int?)r.Points).FirstOrDefaultAsync(cancellationToken);
}
