namespace Club.Application.Abstractions;

/// <summary>
/// Sends the mail waiting in the outbox (rendered from its template in the member's language), retrying
/// failed sends later. Implemented in Infrastructure, where the templates and the SMTP client live.
/// </summary>
public interface IMailDelivery
{
    /// <summary>Sends mail whose time has come, for a bounded time; returns how many were sent.</summary>
    Task<int> DeliverDueAsync(CancellationToken cancellationToken = default);
}
