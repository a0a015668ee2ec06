using Club.Application.Abstractions;
using Club.Domain.News;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.News;

/// <summary>
/// News for the cabinet (<paramref name="MemberId"/>: the items whose audience includes the member) or,
/// without a member, every item for the program manager; newest first, the latest <see cref="Limit"/>.
/// </summary>
public sealed record ListNewsQuery(Guid? MemberId) : IQuery<IReadOnlyList<NewsRow>>
{
    public const int Limit = 30;
}

public sealed record NewsRow(
    int Id, string TitleRu, string TitleEn, string BodyRu, string BodyEn, NewsAudience Audience, string? PartnerName, bool HasPicture, DateTimeOffset PublishedAt, DateTimeOffset? MailedAt,
    string? TierName = null, string? TierNameEn = null)
{
    public string Title(string language) => language == "ru" ? TitleRu : TitleEn;

    public string Body(string language) => language == "ru" ? BodyRu : BodyEn;
}

public sealed class ListNewsHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<ListNewsQuery, IReadOnlyList<NewsRow>>
{
    public async ValueTask<IReadOnlyList<NewsRow>> Handle(ListNewsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var items = db.NewsItems.AsNoTracking();
        if (query.MemberId is { } member)
        {
            // Only fixed SQL from this code base is spliced in; the member is a parameter.
            var sql = $"SELECT n.id AS \"Value\" FROM news_items n WHERE {NewsAudiences.MemberInSql("{0}", "n", "{1}")} ORDER BY n.published_at DESC LIMIT {ListNewsQuery.Limit}";
            var ids = await db.Database.SqlQueryRaw<int>(sql, member, clock.GetUtcNow()).ToListAsync(cancellationToken);
            items = items.Where(n => ids.Contains(n.Id));
        }

        return await (
                from n in items
                join p in db.Partners on n.PartnerId equals p.Id into partners
                from p in partners.DefaultIfEmpty()
                join t in db.Tiers on n.TierLevel equals (int?)t.Level into tiers
                from t in tiers.DefaultIfEmpty()
                orderby n.PublishedAt descending
                select new NewsRow(n.Id, n.TitleRu, n.TitleEn, n.BodyRu, n.BodyEn, n.Audience, p == null ? null : p.Name, n.Picture != null, n.PublishedAt, n.MailedAt,
                    t == null ? null : t.Name, t == null ? null : t.NameEn))
            .Take(ListNewsQuery.Limit)
            .ToListAsync(cancellationToken);
    }
}
