using Club.Application.Abstractions;
using Club.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Products;

/// <summary>Every reference list (collections, categories, metals, stones), with how many products use each entry.</summary>
public sealed record ListCatalogueTermsQuery : IQuery<CatalogueTerms>;

public sealed record CatalogueTermRow(CatalogueList List, string Code, string NameRu, string NameEn, bool IsActive, int Products);

/// <summary>The lists, and the name of an entry in the reader's language (its code when the entry is unknown).</summary>
public sealed record CatalogueTerms(IReadOnlyList<CatalogueTermRow> Rows)
{
    public IEnumerable<CatalogueTermRow> Of(CatalogueList list) => Rows.Where(r => r.List == list);

    /// <summary>The entries a product may be given: the active ones, plus <paramref name="current"/> if it is inactive.</summary>
    public IEnumerable<CatalogueTermRow> Offered(CatalogueList list, string? current) =>
        Rows.Where(r => r.List == list && (r.IsActive || r.Code == current));

    public string Name(CatalogueList list, string? code, bool english)
    {
        if (code is null)
        {
            return "";
        }

        var row = Rows.FirstOrDefault(r => r.List == list && r.Code == code);
        return row is null ? code : english && row.NameEn.Length > 0 ? row.NameEn : row.NameRu;
    }
}

public sealed class ListCatalogueTermsHandler(IClubDbFactory dbFactory) : IQueryHandler<ListCatalogueTermsQuery, CatalogueTerms>
{
    public async ValueTask<CatalogueTerms> Handle(ListCatalogueTermsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var terms = await db.CatalogueTerms.AsNoTracking().ToListAsync(cancellationToken);
        var products = db.Products.AsNoTracking();
        var uses = (await products.GroupBy(p => p.Collection).Select(g => new { List = CatalogueList.Collection, Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .Concat(await products.GroupBy(p => p.Category).Select(g => new { List = CatalogueList.Category, Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .Concat(await products.GroupBy(p => p.Metal).Select(g => new { List = CatalogueList.Metal, Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .Concat(await products.Where(p => p.Stone != null).GroupBy(p => p.Stone!).Select(g => new { List = CatalogueList.Stone, Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(u => (u.List, u.Code), u => u.Count);
        return new CatalogueTerms([.. terms
            .OrderBy(t => t.List).ThenBy(t => t.NameRu, StringComparer.CurrentCulture)
            .Select(t => new CatalogueTermRow(t.List, t.Code, t.NameRu, t.NameEn, t.IsActive, uses.GetValueOrDefault((t.List, t.Code))))]);
    }
}
