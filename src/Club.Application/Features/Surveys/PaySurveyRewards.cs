using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>
/// Pays the points of every completed survey response not paid yet; returns how many members were
/// paid. One set-based statement: the key <c>survey:{survey}:{member}</c> is unique in the ledger, so a
/// re-run, a run on a second node or a run killed midway (its transaction rolls back whole) never pays
/// twice and never skips anyone. Meant for the scheduler (every few minutes).
/// </summary>
public sealed record PaySurveyRewardsCommand : ICommand<int>;

public sealed class PaySurveyRewardsHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<PaySurveyRewardsCommand, int>
{
    public async ValueTask<int> Handle(PaySurveyRewardsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var reason = nameof(PointsReason.SurveyCompleted);
        var expires = await PointsPolicies.ExpiryForAsync(db, now, cancellationToken);

        // Keys go in in sorted order, so two overlapping runs queue on the same first key instead of
        // deadlocking; the second one then finds every key taken and inserts nothing. Balances of
        // credited members are upserted (a credit cannot break the non-negative check on insert).
        var paid = await db.Database.SqlQuery<int>($"""
            WITH due AS (
                SELECT r.member_id, s.points, s.id AS survey_id, 'survey:' || s.id || ':' || r.member_id AS key
                FROM survey_responses r JOIN surveys s ON s.id = r.survey_id
                WHERE s.points > 0
                  AND NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.idempotency_key = 'survey:' || s.id || ':' || r.member_id)),
            entry AS (
                INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                SELECT member_id, points, {reason}, 'survey', survey_id::text, key, {now} FROM due ORDER BY key
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, member_id, amount),
            lot AS (
                INSERT INTO points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at)
                SELECT id, member_id, amount, amount, {now}, {expires} FROM entry),
            balance AS (
                INSERT INTO points_balances (member_id, balance, updated_at)
                SELECT member_id, sum(amount), {now} FROM entry GROUP BY member_id
                ON CONFLICT (member_id) DO UPDATE SET balance = points_balances.balance + excluded.balance, updated_at = excluded.updated_at)
            SELECT count(DISTINCT member_id)::int AS "Value" FROM entry
            """).ToListAsync(cancellationToken);
        return paid[0];
    }
}
