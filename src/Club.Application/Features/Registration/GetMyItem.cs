using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// One registered item for its certificate of authenticity. Only the owner sees it: anyone else,
/// and any serial that is not theirs, gets not-found, so serials reveal nothing about owners.
/// </summary>
public sealed record GetMyItemQuery(Guid MemberId, string? Serial) : IQuery<MyItemCertificate>;

public sealed record MyItemCertificate(MyItem Item, string OwnerName, string Category);

public sealed class GetMyItemHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<GetMyItemQuery, MyItemCertificate>
{
    public async ValueTask<MyItemCertificate> Handle(GetMyItemQuery query, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(query.Serial, out var tagId) is not SerialCheck.Valid)
        {
            throw new NotFoundException("No such item.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var row = await (
                from t in db.Tags.AsNoTracking()
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                join m in db.Members on t.OwnerMemberId equals m.Id
                where t.Id == tagId && t.OwnerMemberId == query.MemberId && t.State == TagState.Registered
                select new { p.Sku, p.Name, p.Collection, p.Metal, p.Stone, p.PhotoUrl, p.Category, RegisteredAt = t.RegisteredAt!.Value, m.FullName })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such item.");
        var item = new MyItem(codes.SerialOf(tagId), row.Sku, row.Name, row.Collection, row.Metal, row.Stone, row.PhotoUrl, row.RegisteredAt);
        return new MyItemCertificate(item, row.FullName, row.Category);
    }
}
