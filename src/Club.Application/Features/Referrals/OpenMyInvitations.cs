using Club.Application.Abstractions;
using Club.Application.Features.Verification;
using Club.Domain.Referrals;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Referrals;

/// <summary>
/// The member's invitation page: makes the member's code on the first visit and remembers the visitor
/// hash of this visit (a friend signing up from the same device and network today is the member).
/// </summary>
public sealed record OpenMyInvitationsCommand(Guid MemberId, ScanVisitor? Visitor) : ICommand<MyInvitations>;

/// <summary>Invited: joined through the link; Joined: of them, registered an item; Paid: invitations paid.</summary>
public sealed record MyInvitations(
    bool Enabled, string Code, string Link, int Invited, int Joined, int Paid, int ReferrerPoints, int FriendPoints, int MonthlyCap);

public sealed class OpenMyInvitationsHandler(IClubDbFactory dbFactory, IScanVisitorHasher hasher, IPublicAddress address, TimeProvider clock)
    : ICommandHandler<OpenMyInvitationsCommand, MyInvitations>
{
    public async ValueTask<MyInvitations> Handle(OpenMyInvitationsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var hash = command.Visitor is null ? null : hasher.Hash(command.Visitor.Address, command.Visitor.UserAgent);
        var code = await EnsureCodeAsync(db, command.MemberId, hash, clock.GetUtcNow(), cancellationToken);
        var settings = await db.ReferralSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ReferralSettings();
        var mine = db.Referrals.Where(r => r.ReferrerId == command.MemberId && r.Status != ReferralStatus.Refused);
        var invited = await mine.CountAsync(cancellationToken);
        var joined = await mine.CountAsync(r => db.Tags.Any(t => t.OwnerMemberId == r.FriendId), cancellationToken);
        var paid = await mine.CountAsync(r => r.Status == ReferralStatus.Paid, cancellationToken);
        return new MyInvitations(settings.Enabled, code, address.Link("/account/sign-up?invite=" + code), invited, joined, paid,
            settings.ReferrerPoints, settings.FriendPoints, settings.MonthlyCap);
    }

    /// <summary>The member's code, made now if missing (a new random one if the drawn one is taken).</summary>
    private static async Task<string> EnsureCodeAsync(IClubDb db, Guid member, byte[]? hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var existing = await db.Database.SqlQuery<string>($"""
                UPDATE referral_codes SET visitor_hash = coalesce({hash}, visitor_hash) WHERE member_id = {member} RETURNING code AS "Value"
                """).ToListAsync(cancellationToken);
            if (existing.Count == 1)
            {
                return existing[0];
            }

            // Nothing on a taken code or a parallel first visit: the next round reads or draws again.
            var code = Referrals.NewCode();
            var made = await db.Database.SqlQuery<string>($"""
                INSERT INTO referral_codes (member_id, code, created_at, visitor_hash) VALUES ({member}, {code}, {now}, {hash})
                ON CONFLICT DO NOTHING RETURNING code AS "Value"
                """).ToListAsync(cancellationToken);
            if (made.Count == 1)
            {
                return made[0];
            }
        }

        throw new InvalidOperationException("No free invitation code after several tries.");
    }
}
