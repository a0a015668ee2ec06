using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>Partner names for pick lists of brand staff (factory, program managers).</summary>
public sealed record ListPartnerNamesQuery : IQuery<IReadOnlyList<string>>;

public sealed class ListPartnerNamesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListPartnerNamesQuery, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(ListPartnerNamesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Partners.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(cancellationToken);
    }
}
