using Club.Application.Abstractions;

namespace Club.Application.Features.Registration;

/// <summary>
/// The seller's side of a registration and of a return (implemented by the sales feature): when a seller
/// recorded the sale of a tag, the seller's pending points for it are confirmed in the buyer's
/// registration transaction; when the item goes back to the shop, its sale is over in the return's.
/// </summary>
public interface ISaleConfirmations
{
    /// <summary>Runs inside the registration's transaction on <paramref name="db"/>; must be idempotent per tag.</summary>
    Task ConfirmSaleOfTagAsync(IClubDb db, long tagId, Guid buyerId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Runs inside the return's transaction: the tag's live claims (and disputes) become Returned, so they no
    /// longer hold the item, and their paid points are taken back through the ledger.
    /// </summary>
    Task ReturnSalesOfTagAsync(IClubDb db, long tagId, DateTimeOffset now, CancellationToken cancellationToken);
}
