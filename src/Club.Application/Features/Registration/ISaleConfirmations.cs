using Club.Application.Abstractions;

namespace Club.Application.Features.Registration;

/// <summary>
/// The seller's side of a registration: when a seller recorded the sale of a tag, the seller's pending
/// points for it are confirmed in the buyer's registration transaction. Sales come with their own
/// issue; until then <see cref="NoSalesYet"/> stands in.
/// </summary>
public interface ISaleConfirmations
{
    /// <summary>Runs inside the registration's transaction on <paramref name="db"/>; must be idempotent per tag.</summary>
    Task ConfirmSaleOfTagAsync(IClubDb db, long tagId, Guid buyerId, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed class NoSalesYet : ISaleConfirmations
{
    public Task ConfirmSaleOfTagAsync(IClubDb db, long tagId, Guid buyerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
