using Club.Application.Abstractions;
using Club.Domain.Privacy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// The club rules or privacy policy: the version asked for (any published one stays readable) or the
/// latest, with the list of all versions. Null when the kind is unknown or nothing is published.
/// </summary>
public sealed record GetLegalDocumentQuery(string Kind, int? Version = null) : IQuery<LegalDocumentView?>;

public sealed record LegalDocumentView(string Kind, int Version, string BodyRu, string BodyEn, DateTimeOffset PublishedAt, IReadOnlyList<LegalDocumentVersion> Versions)
{
    public string Body(string culture) => culture == "en" ? BodyEn : BodyRu;
}

public sealed record LegalDocumentVersion(int Version, DateTimeOffset PublishedAt);

public sealed class GetLegalDocumentHandler(IClubDbFactory dbFactory) : IQueryHandler<GetLegalDocumentQuery, LegalDocumentView?>
{
    public async ValueTask<LegalDocumentView?> Handle(GetLegalDocumentQuery query, CancellationToken cancellationToken)
    {
        if (!LegalDocumentKinds.All.Contains(query.Kind))
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var versions = await db.LegalDocuments.AsNoTracking()
            .Where(d => d.Kind == query.Kind)
            .OrderByDescending(d => d.Version)
            .Select(d => new LegalDocumentVersion(d.Version, d.PublishedAt))
            .ToListAsync(cancellationToken);
        var version = query.Version ?? versions.FirstOrDefault()?.Version;
        var document = await db.LegalDocuments.AsNoTracking()
            .Where(d => d.Kind == query.Kind && d.Version == version)
            .SingleOrDefaultAsync(cancellationToken);
        return document is null
            ? null
            : new LegalDocumentView(document.Kind, document.Version, document.BodyRu, document.BodyEn, document.PublishedAt, versions);
    }
}
