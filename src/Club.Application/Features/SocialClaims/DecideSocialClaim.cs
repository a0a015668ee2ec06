using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Activities;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Activities;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.SocialClaims;

/// <summary>A program manager approves (pays) or rejects a pending subscription claim.</summary>
public sealed record DecideSocialClaimCommand(long ClaimId, bool Approve, string DecidedBy) : ICommand<Result>;

public sealed class DecideSocialClaimHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<DecideSocialClaimCommand, Result>
{
    public async ValueTask<Result> Handle(DecideSocialClaimCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var claim = await (
                from c in db.SocialClaims.AsNoTracking()
                join m in db.Members on c.MemberId equals m.Id
                where c.Id == command.ClaimId
                select new { c.MemberId, c.Network, Seller = m.SellerStatus != null })
            .SingleOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return Result.Fail("This claim does not exist.");
        }

        var now = clock.GetUtcNow();
        var by = command.DecidedBy.Length <= 200 ? command.DecidedBy : command.DecidedBy[..200];
        var state = (command.Approve ? SocialClaimState.Approved : SocialClaimState.Rejected).ToString();
        var pending = nameof(SocialClaimState.Pending);

        // Only a pending claim moves: of two managers clicking at once, one decides and one is told.
        var gate = new LedgerGuard(
            "UPDATE social_claims SET state = {0}, decided_at = {1}, decided_by = {2} WHERE id = {3} AND state = {4} RETURNING id",
            [state, now, by, command.ClaimId, pending]);
        var points = command.Approve
            ? await ActivityRules.PointsAsync(db, claim.Seller ? PointsRuleKind.SellerSocial : PointsRuleKind.BuyerSocial, cancellationToken)
            : 0;
        var postings = points > 0 ? new[] { ClaimSocialSubscriptionHandler.SocialPosting(claim.MemberId, claim.Network, points) } : [];

        if (!await GuardedCredit.PostAsync(db, gate, postings, now, cancellationToken))
        {
            return Result.Fail("This claim has already been decided.");
        }

        // After the guarded credit's own transaction: only a decision that happened is logged.
        await audit.RecordAsync(
            new AuditChange("social-claim.decision", "social-claim", command.ClaimId.ToString(CultureInfo.InvariantCulture),
                new { State = pending }, new { State = state, Points = points }, claim.MemberId),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
