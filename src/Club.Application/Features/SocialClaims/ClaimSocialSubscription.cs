using Club.Application.Abstractions;
using Club.Application.Features.Activities;
using Club.Application.Features.Points.Ledger;
using Club.Application.Validation;
using Club.Domain.Activities;
using Club.Domain.Members;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.SocialClaims;

/// <summary>
/// A member says they subscribed to the brand's page on a network (with their name there, optionally);
/// after a rejection they may say so again.
/// </summary>
public sealed record ClaimSocialSubscriptionCommand(Guid MemberId, SocialNetwork Network, string? Handle) : ICommand<Result>;

public sealed class ClaimSocialSubscriptionValidator : CommandValidator<ClaimSocialSubscriptionCommand>
{
    public ClaimSocialSubscriptionValidator() =>
        RuleFor(c => c.Handle).Must(h => (h?.Trim().Length ?? 0) <= SocialClaim.MaxHandleLength).WithKey("The name on the network is too long.");
}

public sealed class ClaimSocialSubscriptionHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<ClaimSocialSubscriptionCommand, Result>
{
    public async ValueTask<Result> Handle(ClaimSocialSubscriptionCommand command, CancellationToken cancellationToken)
    {
        var handle = string.IsNullOrWhiteSpace(command.Handle) ? null : command.Handle.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == command.MemberId)
            .Select(m => new { m.SellerStatus }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Member not found.");
        var seller = member.SellerStatus is not null;
        if (seller && member.SellerStatus != SellerStatus.Active)
        {
            return Result.Fail("Your seller account is not active yet.");
        }

        var settings = await ActivityRules.SettingsAsync(db, cancellationToken);
        if (!SocialClaim.NetworksFor(seller).Contains(command.Network) || settings.LinkOf(command.Network) is null)
        {
            return Result.Fail("The club has no page on this network.");
        }

        var now = clock.GetUtcNow();
        var state = settings.SocialAutoApprove ? SocialClaimState.Approved : SocialClaimState.Pending;

        // The claim's unique (member, network) row is the gate: of parallel claims one inserts it and
        // the others find it taken, so at most one can carry the points. A rejected claim may be made
        // again (the member subscribed properly after all): the row goes back to the queue, and of
        // parallel claims again only the first finds it still rejected. Points stay once per network
        // whatever happens: their key is social:{member}:{network}.
        var gate = new LedgerGuard(
            $$"""
            INSERT INTO social_claims (member_id, network, handle, state, claimed_at, decided_at, decided_by)
            VALUES ({0}, {1}, {2}::text, {3}, {4}, {5}::timestamptz, {6}::text)
            ON CONFLICT (member_id, network) DO UPDATE
                SET handle = excluded.handle, state = excluded.state, claimed_at = excluded.claimed_at,
                    decided_at = excluded.decided_at, decided_by = excluded.decided_by
                WHERE social_claims.state = '{{nameof(SocialClaimState.Rejected)}}'
            RETURNING id
            """,
            [command.MemberId, command.Network.ToString(), (object?)handle ?? DBNull.Value, state.ToString(), now,
             settings.SocialAutoApprove ? now : DBNull.Value, settings.SocialAutoApprove ? "automatic" : DBNull.Value]);
        var points = await ActivityRules.PointsAsync(db, seller ? PointsRuleKind.SellerSocial : PointsRuleKind.BuyerSocial, cancellationToken);
        var postings = settings.SocialAutoApprove && points > 0
            ? new[] { SocialPosting(command.MemberId, command.Network, points) }
            : [];
        return await GuardedCredit.PostAsync(db, gate, postings, now, cancellationToken)
            ? Result.Ok
            : Result.Fail("You have already claimed this subscription.");
    }

    /// <summary>The one credit a network can earn a member, whoever approves it and however often.</summary>
    internal static PointsPosting SocialPosting(Guid memberId, SocialNetwork network, int points) =>
        new(memberId, points, PointsReason.SocialSubscription, PointsLedger.MemberReference, memberId.ToString(), $"social:{memberId}:{network}");
}
