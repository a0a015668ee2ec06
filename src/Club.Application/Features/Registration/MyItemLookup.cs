using Club.Application.Abstractions;
using Club.Domain.Tags;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>The owner's own item by its serial, for the cabinet's actions on it.</summary>
internal static class MyItemLookup
{
    /// <summary>The tag's id when <paramref name="memberId"/> owns the registered item with this serial; null for anything else.</summary>
    public static async Task<long?> OwnedTagAsync(IClubDbFactory dbFactory, ITagCodes codes, Guid memberId, string? serial, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(serial, out var tagId) is not SerialCheck.Valid)
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Tags.AnyAsync(t => t.Id == tagId && t.OwnerMemberId == memberId && t.State == TagState.Registered, cancellationToken)
            ? tagId
            : null;
    }
}
