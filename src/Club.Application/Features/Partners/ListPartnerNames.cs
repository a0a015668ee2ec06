using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// Partner names for pick lists of brand staff (factory, program managers). <paramref name="ActiveOnly"/>
/// for lists that start something new with the partner (a batch shipped to it); filters and reports list every partner.
/// </summary>
public sealed record ListPartnerNamesQuery(bool ActiveOnly = false) : IQuery<IReadOnlyList<string>>;

public sealed class ListPartnerNamesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListPartnerNamesQuery, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(ListPartnerNamesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Partners.Where(p => p.IsActive || !query.ActiveOnly).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(cancellationToken);
    }
}
