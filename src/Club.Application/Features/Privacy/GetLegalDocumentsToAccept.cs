using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// The documents whose latest version a member has not accepted (a new version published since they
/// joined or last accepted). Empty for a member who is up to date; the cabinet waits until it is.
/// </summary>
public sealed record GetLegalDocumentsToAcceptQuery(Guid MemberId) : IQuery<IReadOnlyList<LegalDocumentToAccept>>;

public sealed record LegalDocumentToAccept(string Kind, int Version);

public sealed class GetLegalDocumentsToAcceptHandler(IClubDbFactory dbFactory) : IQueryHandler<GetLegalDocumentsToAcceptQuery, IReadOnlyList<LegalDocumentToAccept>>
{
    public async ValueTask<IReadOnlyList<LegalDocumentToAccept>> Handle(GetLegalDocumentsToAcceptQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // One round trip per member page: the latest version of each kind against the member's accepted one.
        return await db.Database.SqlQuery<LegalDocumentToAccept>($"""
            SELECT latest.kind AS "Kind", latest.version AS "Version"
            FROM (SELECT kind, max(version) AS version FROM legal_documents GROUP BY kind) AS latest
            LEFT JOIN member_consents AS accepted ON accepted.member_id = {query.MemberId} AND accepted.kind = latest.kind
            WHERE accepted.version IS NULL OR accepted.version < latest.version OR NOT accepted.granted
            ORDER BY latest.kind
            """).ToListAsync(cancellationToken);
    }
}
