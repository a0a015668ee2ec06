using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>Partners to pick from in back-office forms (a partner manager's partner), by name.</summary>
public sealed record ListPartnerChoicesQuery : IQuery<IReadOnlyList<PartnerChoice>>;

public sealed record PartnerChoice(int Id, string Name);

public sealed class ListPartnerChoicesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListPartnerChoicesQuery, IReadOnlyList<PartnerChoice>>
{
    public async ValueTask<IReadOnlyList<PartnerChoice>> Handle(ListPartnerChoicesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Partners.OrderBy(p => p.Name).Select(p => new PartnerChoice(p.Id, p.Name)).ToListAsync(cancellationToken);
    }
}
