using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>What the owner's certificate page shows about their item's protection: a standing loss report and an open transfer code.</summary>
public sealed record GetItemProtectionQuery(Guid MemberId, string? Serial) : IQuery<ItemProtection>;

public sealed record ItemLossReport(ItemLossKind Kind, DateOnly LostOn, string? PoliceReport, DateTimeOffset ReportedAt);

/// <summary>Null parts: no standing report, no open code. The code itself is never shown again, only until when it works.</summary>
public sealed record ItemProtection(ItemLossReport? Loss, DateTimeOffset? TransferCodeExpiresAt);

public sealed class GetItemProtectionHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock) : IQueryHandler<GetItemProtectionQuery, ItemProtection>
{
    public async ValueTask<ItemProtection> Handle(GetItemProtectionQuery query, CancellationToken cancellationToken)
    {
        if (await MyItemLookup.OwnedTagAsync(dbFactory, codes, query.MemberId, query.Serial, cancellationToken) is not { } tagId)
        {
            throw new NotFoundException("No such item.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var loss = await db.ItemLosses.AsNoTracking().Where(l => l.TagId == tagId && l.ClearedAt == null)
            .Select(l => new ItemLossReport(l.Kind, l.LostOn, l.PoliceReport, l.ReportedAt)).SingleOrDefaultAsync(cancellationToken);
        var code = await db.ItemTransferCodes.AsNoTracking()
            .Where(c => c.TagId == tagId && c.CancelledAt == null && c.UsedAt == null && c.ExpiresAt > now)
            .Select(c => (DateTimeOffset?)c.ExpiresAt).SingleOrDefaultAsync(cancellationToken);
        return new ItemProtection(loss, code);
    }
}
