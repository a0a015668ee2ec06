using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Club.Application.Features.Activities;

namespace Club.Application.Features.SocialClaims;

/// <summary>The claims waiting for a program manager, oldest first.</summary>
public sealed record ListSocialClaimsQuery(int Limit = 200) : IQuery<IReadOnlyList<SocialClaimRow>>;

public sealed record SocialClaimRow(long Id, string MemberName, bool Seller, SocialNetwork Network, string? Handle, string? Link, DateTimeOffset ClaimedAt);

public sealed class ListSocialClaimsHandler(IClubDbFactory dbFactory) : IQueryHandler<ListSocialClaimsQuery, IReadOnlyList<SocialClaimRow>>
{
    public async ValueTask<IReadOnlyList<SocialClaimRow>> Handle(ListSocialClaimsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await ActivityRules.SettingsAsync(db, cancellationToken);
        var rows = await (
                from c in db.SocialClaims.AsNoTracking()
                join m in db.Members on c.MemberId equals m.Id
                where c.State == SocialClaimState.Pending
                orderby c.ClaimedAt, c.Id
                select new { c.Id, m.FullName, Seller = m.SellerStatus != null, c.Network, c.Handle, c.ClaimedAt })
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.Select(r => new SocialClaimRow(r.Id, r.FullName, r.Seller, r.Network, r.Handle, settings.LinkOf(r.Network), r.ClaimedAt)).ToList();
    }
}
