using Club.Application.Abstractions;
using Microsoft.AspNetCore.Identity;

namespace Club.Infrastructure.Identity;

/// <summary>The account port on ASP.NET Core Identity, for the request in progress.</summary>
public sealed class IdentityAccounts(UserManager<ClubUser> users, SignInManager<ClubUser> signIn) : IAccounts
{
    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        // A new stamp invalidates every cookie issued before it, at the next validation (at most a minute).
        if (await users.GetUserAsync(signIn.Context.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }
}
