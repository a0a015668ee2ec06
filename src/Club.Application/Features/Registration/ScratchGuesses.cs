using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>Why a guess was refused before its code was compared, and when the guesser may try again.</summary>
public sealed record GuessRefusal(RegistrationOutcome Outcome, DateTimeOffset RetryAt);

/// <summary>
/// The registration's guess limits (<see cref="ScratchGuessLimits"/>), kept in PostgreSQL so they hold on
/// every node: wrong codes per account, per network and per account and tag in scratch_guess_counts
/// (one row per key and UTC day), the tag's wrong codes and pause on its own row.
/// </summary>
/// <remarks>
/// Every guess, right or wrong, takes one wrong code from its allowances before its answer is known
/// (<see cref="ReservationSql"/>, in the registration's first statement), so the order in which parallel
/// guesses get their allowance never depends on which code is right: a burst of guesses checks no more
/// codes than the limits. A wrong code keeps what it took (<see cref="CountOnTagAsync"/>); a right one
/// gives it back in the registration's transaction (<see cref="GiveBack"/>); a refusal rolls back.
/// </remarks>
internal static class ScratchGuesses
{
    /// <summary>
    /// The counters' keys of one guess: the account, the network (hashed: the counters need no client
    /// address in the clear), the account and tag, and the UTC day.
    /// </summary>
    public sealed record Keys(string Account, string Network, string Pair, DateOnly Day)
    {
        public static Keys Of(long tagId, Guid memberId, string? clientAddress, DateTimeOffset now)
        {
            var account = memberId.ToString("N");
            return new(account, Hash(ScratchGuessLimits.NetworkOf(clientAddress)), $"{account}:{tagId.ToString(CultureInfo.InvariantCulture)}",
                DateOnly.FromDateTime(now.UtcDateTime));
        }
    }

    /// <summary>
    /// Sub-statements that take the guess's allowances when the CTE <c>terms</c> (tag_terms) finds the tag
    /// available: the tag's row is locked first, then the account's, the network's and the pair's counters,
    /// the same order for every guess, so concurrent guesses queue and cannot deadlock. A counter at its
    /// limit is not raised (its CTE returns no row). The network's counter is taken only when this is not
    /// the account's first guess of the day, which no network refuses: buyers behind one shop's Wi-Fi
    /// then never queue on it; a first guess that turns out wrong counts on it in <see cref="CountOnTagAsync"/>.
    /// Placeholders {0}..{5}: the tag's id, the keys (account, network, pair), the day, whether to reserve.
    /// </summary>
    public static readonly string ReservationSql = $$"""
        guess_tag AS (
            SELECT t.failed_attempts, t.guessing_paused_until FROM tags t
            WHERE t.id = {0} AND {5} AND (SELECT verdict FROM terms) = '{{nameof(Verdict.Available)}}'
            FOR NO KEY UPDATE),
        guess_account AS (
            INSERT INTO scratch_guess_counts AS c (scope, key, day, wrong) SELECT 'account', {1}, {4}, 1 WHERE EXISTS (SELECT 1 FROM guess_tag)
            ON CONFLICT (scope, key, day) DO UPDATE SET wrong = c.wrong + 1 WHERE c.wrong < {{ScratchGuessLimits.PerAccount}}
            RETURNING c.wrong),
        guess_network AS (
            INSERT INTO scratch_guess_counts AS c (scope, key, day, wrong)
            SELECT 'network', {2}, {4}, 1 WHERE EXISTS (SELECT 1 FROM guess_tag) AND (SELECT wrong FROM guess_account) IS DISTINCT FROM 1
            ON CONFLICT (scope, key, day) DO UPDATE SET wrong = c.wrong + 1 WHERE c.wrong < {{ScratchGuessLimits.PerNetwork}}
            RETURNING c.wrong),
        guess_pair AS (
            INSERT INTO scratch_guess_counts AS c (scope, key, day, wrong) SELECT 'account-tag', {3}, {4}, 1 WHERE EXISTS (SELECT 1 FROM guess_tag)
            ON CONFLICT (scope, key, day) DO UPDATE SET wrong = c.wrong + 1 WHERE c.wrong < {{ScratchGuessLimits.PerAccountAndTag}}
            RETURNING c.wrong)
        """;

    /// <summary>The reservation's columns, in the order the guess's locks are taken (the tag's row first).</summary>
    public const string ReservationColumns = """
        EXISTS (SELECT 1 FROM guess_tag) AS guess_reserved,
        (SELECT failed_attempts FROM guess_tag) AS guess_tag_wrong, (SELECT guessing_paused_until FROM guess_tag) AS guess_paused_until,
        (SELECT wrong FROM guess_account) AS guess_account_wrong, (SELECT wrong FROM guess_network) AS guess_network_wrong,
        (SELECT wrong FROM guess_pair) AS guess_pair_wrong
        """;

    /// <summary>Why the reserved guess must not be checked, or null when it may.</summary>
    public static GuessRefusal? Refusal(Reservation reservation, Keys keys, DateTimeOffset now)
    {
        var tomorrow = new DateTimeOffset(keys.Day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // The account's first guess of the day is never refused by its network or the tag's pause: a
        // stranger can neither close a shared network nor hold a tag against its owner.
        return reservation switch
        {
            { AccountWrong: null } or { PairWrong: null } => new(RegistrationOutcome.TooManyWrongCodes, tomorrow),
            { NetworkWrong: null } when !reservation.FirstToday => new(RegistrationOutcome.TooManyWrongCodes, tomorrow),
            { PausedUntil: { } until } when until > now && !reservation.FirstToday => new(RegistrationOutcome.GuessingPaused, until),
            _ => null,
        };
    }

    /// <summary>
    /// A right code's allowances given back, as a sub-statement of the registration's ledger statement
    /// (the same transaction, whose locks on the counters it already holds).
    /// </summary>
    public static LedgerSideStatement GiveBack(Keys keys, Reservation reservation) =>
        new(reservation.NetworkWrong is null
                ? "UPDATE scratch_guess_counts SET wrong = wrong - 1 WHERE day = {0} AND (scope, key) IN (('account', {1}), ('account-tag', {2}))"
                : "UPDATE scratch_guess_counts SET wrong = wrong - 1 WHERE day = {0} AND (scope, key) IN (('account', {1}), ('account-tag', {2}), ('network', {3}))",
            [keys.Day, keys.Account, keys.Pair, keys.Network]);

    /// <summary>
    /// Counts a wrong code on the tag (the guesser's counters were taken by the reservation, the network's
    /// here for an account's first guess of the day) and pauses it past its free ones. Returns the tag's pause after it.
    /// </summary>
    public static async Task<DateTimeOffset?> CountOnTagAsync(IClubDb db, long tagId, Keys keys, Reservation reservation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (reservation.FirstToday)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO scratch_guess_counts AS c (scope, key, day, wrong) VALUES ('network', {keys.Network}, {keys.Day}, 1)
                ON CONFLICT (scope, key, day) DO UPDATE SET wrong = c.wrong + 1 WHERE c.wrong < {ScratchGuessLimits.PerNetwork}
                """, cancellationToken);
        }

        var wrong = Math.Min(reservation.TagWrong + 1, short.MaxValue);
        var pause = ScratchGuessLimits.PauseAfter(wrong);
        DateTimeOffset? until = pause > TimeSpan.Zero ? now + pause : null;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE tags SET failed_attempts = {(short)wrong}, last_wrong_code_at = {now},
                            guessing_paused_until = GREATEST(guessing_paused_until, {until})
            WHERE id = {tagId}
            """, cancellationToken);
        // Counted per alert window as well: the "tag under attack" alert reports the window's wrong codes.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO tag_wrong_code_windows (tag_id, window_start, wrong) VALUES ({tagId}, {ScanAlertSettings.WindowStartOf(now)}, 1)
            ON CONFLICT (tag_id, window_start) DO UPDATE SET wrong = tag_wrong_code_windows.wrong + 1
            """, cancellationToken);
        // GREATEST above, on the row the reservation locked: the later of its pause and this one.
        return until > reservation.PausedUntil || reservation.PausedUntil is null ? until : reservation.PausedUntil;
    }

    /// <summary>Wrong codes the account may still enter for this tag today.</summary>
    public static int AttemptsLeft(Reservation reservation) =>
        Math.Max(0, Math.Min(
            ScratchGuessLimits.PerAccountAndTag - (reservation.PairWrong ?? ScratchGuessLimits.PerAccountAndTag),
            ScratchGuessLimits.PerAccount - (reservation.AccountWrong ?? ScratchGuessLimits.PerAccount)));

    // Networks are kept as a hash: the counters need no client address in the clear.
    private static string Hash(string network) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(network)))[..32];

    /// <summary>
    /// The tag's wrong codes and pause, and the guesser's counts with this guess (null: at the limit, not
    /// raised; the network's also when not taken, on the account's first guess of the day).
    /// </summary>
    public sealed record Reservation(short TagWrong, DateTimeOffset? PausedUntil, int? AccountWrong, int? NetworkWrong, int? PairWrong)
    {
        /// <summary>The account had entered no wrong code today before this guess.</summary>
        public bool FirstToday => AccountWrong == 1;
    }
}
