namespace Club.Application.Abstractions;

/// <summary>
/// Checks a member's password without signing in or changing anything: a signed-in member confirming a
/// grave step (deleting the account) types it again. ASP.NET Core Identity's hasher, in Infrastructure.
/// </summary>
public interface IPasswordCheck
{
    Task<bool> IsPasswordAsync(Guid userId, string password, CancellationToken cancellationToken);
}
