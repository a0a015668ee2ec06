using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Reports;

/// <summary>The partners a member may choose on the reports page: every partner for brand staff, none for others.</summary>
public sealed record ListReportPartnersQuery(Guid ViewerId) : IQuery<IReadOnlyList<ReportPartner>>;

public sealed record ReportPartner(int Id, string Name);

public sealed class ListReportPartnersHandler(IClubDbFactory dbFactory) : IQueryHandler<ListReportPartnersQuery, IReadOnlyList<ReportPartner>>
{
    public async ValueTask<IReadOnlyList<ReportPartner>> Handle(ListReportPartnersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await ReportScope.OwnPartnerAsync(db, query.ViewerId, cancellationToken) is not null)
        {
            return [];
        }

        return await db.Partners.OrderBy(p => p.Name).Select(p => new ReportPartner(p.Id, p.Name)).ToListAsync(cancellationToken);
    }
}
