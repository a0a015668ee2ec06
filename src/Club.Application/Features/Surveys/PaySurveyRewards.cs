using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Mediator;

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
        var reason = nameof(PointsReason.SurveyCompleted);
        // The NOT EXISTS skips responses paid before without trying their keys (the usual case).
        return await PointsLedger.PostSetAsync(db, $"""
            SELECT r.member_id, s.points AS amount, {reason}::text AS reason, 'survey' AS reference_type, s.id::text AS reference_id,
                   'survey:' || s.id || ':' || r.member_id AS idempotency_key
            FROM survey_responses r JOIN surveys s ON s.id = r.survey_id
            WHERE s.points > 0
              AND NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.idempotency_key = 'survey:' || s.id || ':' || r.member_id)
            """, clock.GetUtcNow(), cancellationToken);
    }
}
