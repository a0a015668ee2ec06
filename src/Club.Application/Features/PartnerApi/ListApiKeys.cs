using Club.Application.Abstractions;
using Club.Domain.PartnerApi;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>Every partner's API keys for the back office, newest first: never the key, only its prefix.</summary>
public sealed record ListApiKeysQuery : IQuery<IReadOnlyList<ApiKeyRow>>;

public sealed record ApiKeyRow(
    int Id, int PartnerId, string PartnerName, string Name, string Prefix, ApiScopes Scopes, int RequestsPerMinute,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public bool IsLive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

public sealed class ListApiKeysHandler(IClubDbFactory dbFactory) : IQueryHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyRow>>
{
    public async ValueTask<IReadOnlyList<ApiKeyRow>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await (
                from k in db.ApiKeys
                join p in db.Partners on k.PartnerId equals p.Id
                orderby k.Id descending
                select new ApiKeyRow(k.Id, k.PartnerId, p.Name, k.Name, k.Prefix, k.Scopes, k.RequestsPerMinute, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt))
            .AsNoTracking().ToListAsync(cancellationToken);
    }
}
