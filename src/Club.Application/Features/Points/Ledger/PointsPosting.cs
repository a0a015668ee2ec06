using Club.Domain.Points;

namespace Club.Application.Features.Points.Ledger;

/// <summary>
/// One movement to write: which account (a member's id), how much, why, its source (ReferenceType and
/// ReferenceId, e.g. "tag" and the tag's id: what a reversal takes back), and the key that makes it
/// happen once. A credit's lot expires at <paramref name="ExpiresAt"/> when given (a refund keeps the
/// expiry of the points it gives back), else after <see cref="LifetimeMonths"/>, else after the program
/// manager's lifetime (<see cref="PointsPolicy"/>, read in the statement that writes the lot).
/// </summary>
public sealed record PointsPosting(
    Guid MemberId, int Amount, PointsReason Reason, string ReferenceType, string ReferenceId, string IdempotencyKey,
    DateTimeOffset? ExpiresAt = null)
{
    /// <summary>This credit's own lifetime in months (0 = never), e.g. a welcome bonus that lasts one month.</summary>
    public int? LifetimeMonths { get; init; }

    /// <summary>
    /// The partner a credit's lot is owed on behalf of, when it is not the one of the source's item or
    /// sale (which the ledger finds itself, with the batch, for "tag" and "sale" sources).
    /// </summary>
    public int? PartnerId { get; init; }
}

/// <summary>
/// A data-modifying SQL statement that gates a posting, e.g. the tag's conditional UPDATE ... RETURNING.
/// Placeholders {0}, {1}... refer to <see cref="Args"/>.
/// </summary>
public sealed record LedgerGuard(string Sql, IReadOnlyList<object> Args);

/// <summary>Whether the guard (if any) passed, and the idempotency keys that were new.</summary>
public sealed record LedgerResult(bool Guarded, IReadOnlyList<string> Posted);

/// <summary>
/// A mail written with each new entry of a set-based posting, under the entry's key (so once, like the
/// entry). <paramref name="ValuesSql"/> is fixed SQL from this code base building the jsonb values from
/// the entry's columns member_id and amount, e.g. <c>jsonb_build_object('Points', amount::text)</c>.
/// </summary>
public sealed record LedgerMail(string Template, string ValuesSql);

/// <summary>
/// One mail written in the statement of <see cref="PointsLedger"/>'s PostAsync, when its guard passed:
/// <paramref name="ValuesJson"/> (a JSON object) with <paramref name="PointsField"/> set to the points the
/// statement's new entries credited, so a bonus a parallel posting took first is not reported.
/// </summary>
public sealed record LedgerPostingMail(string IdempotencyKey, Guid MemberId, string Template, string ValuesJson, string PointsField);

/// <summary>
/// A caller's data-modifying statement (not on the points tables) sent as one more sub-statement of the
/// posting's statement, to save its round trip, e.g. the registration giving back a right code's guess
/// allowances. It runs whether or not the guard passed: a caller with a guard rolls back when it did not.
/// Placeholders {0}, {1}... refer to <see cref="Args"/>.
/// </summary>
public sealed record LedgerSideStatement(string Sql, IReadOnlyList<object> Args);
