using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Club.Application.Abstractions;
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
internal static class ScratchGuesses
{
    /// <summary>
    /// Takes one wrong code from each of the guesser's allowances before the code is compared, in the
    /// caller's transaction and holding the tag's row (guesses on one tag queue). Returns the refusal when
    /// the guess must not be checked; the caller rolls back then, and also when the code turns out right,
    /// so only wrong codes stay counted.
    /// </summary>
    public static async Task<(GuessRefusal? Refusal, Reservation Reservation)> ReserveAsync(
        IClubDb db, long tagId, Guid memberId, string? clientAddress, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var account = memberId.ToString("N");
        var network = Hash(ScratchGuessLimits.NetworkOf(clientAddress));
        var pair = $"{account}:{tagId.ToString(CultureInfo.InvariantCulture)}";
        // Locks in one order for every guess: the tag's row, then the account's, the network's and the
        // pair's counters, so concurrent guesses queue and cannot deadlock. A counter at its limit is not
        // raised and comes back null.
        var rows = await db.Database.SqlQuery<Reservation>($"""
            WITH tag AS (SELECT t.failed_attempts, t.guessing_paused_until FROM tags t WHERE t.id = {tagId} FOR NO KEY UPDATE),
            account AS (
                INSERT INTO scratch_guess_counts AS c (scope, key, day, wrong) VALUES ('account', {account}, {day}, 1)
                ON CONFLICT (scope, key, day) DO UPDATE SET wrong = c.wrong + 1 WHERE c.wrong < {ScratchGuessLimits.PerAccount}
                RETURNING c.wrong),
            network AS (
                INSERT INTO scratch_guess_counts AS c (scope, key, day, wrong) VALUES ('network', {network}, {day}, 1)
                ON CONFLICT (scope, key, day) DO UPDATE SET wrong = c.wrong + 1 WHERE c.wrong < {ScratchGuessLimits.PerNetwork}
                RETURNING c.wrong),
            pair AS (
                INSERT INTO scratch_guess_counts AS c (scope, key, day, wrong) VALUES ('account-tag', {pair}, {day}, 1)
                ON CONFLICT (scope, key, day) DO UPDATE SET wrong = c.wrong + 1 WHERE c.wrong < {ScratchGuessLimits.PerAccountAndTag}
                RETURNING c.wrong)
            SELECT tag.failed_attempts AS tag_wrong, tag.guessing_paused_until AS paused_until,
                   (SELECT wrong FROM account) AS account_wrong, (SELECT wrong FROM network) AS network_wrong,
                   (SELECT wrong FROM pair) AS pair_wrong
            FROM tag
            """).ToListAsync(cancellationToken);
        var reservation = rows[0];

        var tomorrow = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // The account's first guess of the day is never refused by its network or the tag's pause: a
        // stranger can neither close a shared network nor hold a tag against its owner.
        var firstToday = reservation.AccountWrong == 1;
        GuessRefusal? refusal = reservation switch
        {
            { AccountWrong: null } or { PairWrong: null } => new(RegistrationOutcome.TooManyWrongCodes, tomorrow),
            { NetworkWrong: null } when !firstToday => new(RegistrationOutcome.TooManyWrongCodes, tomorrow),
            { PausedUntil: { } until } when until > now && !firstToday => new(RegistrationOutcome.GuessingPaused, until),
            _ => null,
        };
        return (refusal, reservation);
    }

    /// <summary>Counts a wrong code on the tag (the guesser's counters were taken by the reservation) and pauses it past its free ones.</summary>
    public static async Task CountOnTagAsync(IClubDb db, long tagId, Reservation reservation, DateTimeOffset now, CancellationToken cancellationToken)
    {
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
    }

    /// <summary>Wrong codes the account may still enter for this tag today.</summary>
    public static int AttemptsLeft(Reservation reservation) =>
        Math.Max(0, Math.Min(
            ScratchGuessLimits.PerAccountAndTag - (reservation.PairWrong ?? ScratchGuessLimits.PerAccountAndTag),
            ScratchGuessLimits.PerAccount - (reservation.AccountWrong ?? ScratchGuessLimits.PerAccount)));

    // Networks are kept as a hash: the counters need no client address in the clear.
    private static string Hash(string network) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(network)))[..32];

    /// <summary>The tag's wrong codes and pause, and the guesser's counts with this guess (null: at the limit, not raised).</summary>
    public sealed record Reservation(short TagWrong, DateTimeOffset? PausedUntil, int? AccountWrong, int? NetworkWrong, int? PairWrong);
}
