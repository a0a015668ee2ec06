using Club.Application.Abstractions;

namespace Club.Application.Features.Registration;

/// <summary>
/// The seller's side of a registration: when a seller recorded the sale of a tag, the seller's pending
/// points for it are confirmed in the buyer's registration transaction (implemented by the sales feature).
/// </summary>
public interface ISaleConfirmations
{
    /// <summary>Runs inside the registration's transaction on <paramref name="db"/>; must be idempotent per tag.</summary>
    Task ConfirmSaleOfTagAsync(IClubDb db, long tagId, Guid buyerId, DateTimeOffset now, CancellationToken cancellationToken);
}
