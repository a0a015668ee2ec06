using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Application.Features.Privacy;
using Club.Application.Features.Sales;
using Club.Domain.Members;
using Club.Domain.Privacy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// A partner's till looks a buyer up by phone, to greet them and hand over a gift. Only a member who
/// agreed to be found at partner shops (<see cref="ConsentKinds.PartnerLookup"/>) is found, and only
/// their id and first name come back; anyone else, or no one, is the same "not found".
/// </summary>
public sealed record FindMemberByPhoneQuery(string? Phone) : IQuery<FoundMember?>;

public sealed record FoundMember(Guid MemberId, string FirstName);

public sealed class FindMemberByPhoneHandler(IClubDbFactory dbFactory) : IQueryHandler<FindMemberByPhoneQuery, FoundMember?>
{
    public async ValueTask<FoundMember?> Handle(FindMemberByPhoneQuery query, CancellationToken cancellationToken)
    {
        // A phone only: the look-up also takes emails, which a till has no business searching by.
        if (!PhoneNumber.TryNormalize(query.Phone, out var phone))
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await MemberLookup.ByEmailOrPhoneAsync(db, phone, cancellationToken) is not { } memberId
            || !await ConsentRecords.IsGrantedAsync(db.Database, memberId, ConsentKinds.PartnerLookup, cancellationToken))
        {
            return null;
        }

        var name = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.FullName).SingleAsync(cancellationToken);
        return new FoundMember(memberId, SaleClaims.FirstName(name));
    }
}
