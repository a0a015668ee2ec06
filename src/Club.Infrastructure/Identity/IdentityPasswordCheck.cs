using Club.Application.Abstractions;
using Microsoft.AspNetCore.Identity;

namespace Club.Infrastructure.Identity;

/// <summary>The password check on Identity's user store and hasher; an erased account has no password, so nothing matches.</summary>
internal sealed class IdentityPasswordCheck(UserManager<ClubUser> users) : IPasswordCheck
{
    public async Task<bool> IsPasswordAsync(Guid userId, string password, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(userId.ToString()) is { PasswordHash: not null } user && await users.CheckPasswordAsync(user, password);
}
