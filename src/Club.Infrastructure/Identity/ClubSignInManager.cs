using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Club.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager with one more door: sign in a user whose password was already checked
/// (by <see cref="IdentityAccounts"/>, which runs the hasher for missing accounts too), going on to the
/// second-factor step when the user has one, exactly as a password sign-in would.
/// </summary>
public sealed class ClubSignInManager(
    UserManager<ClubUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ClubUser> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<ClubUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ClubUser> confirmation,
    TimeProvider clock)
    : SignInManager<ClubUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    /// <summary>A deactivated account (staff or member) cannot sign in, with the password or the second factor.</summary>
    public override async Task<bool> CanSignInAsync(ClubUser user) =>
        user.DeactivatedAt is null && await base.CanSignInAsync(user);

    /// <summary>Every completed sign-in goes through here: remember when, for the staff page.</summary>
    public override async Task SignInWithClaimsAsync(ClubUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        user.LastSignInAt = clock.GetUtcNow();
        await UserManager.UpdateAsync(user);
    }

    public Task<SignInResult> SignInAfterPasswordCheckAsync(ClubUser user, bool isPersistent) =>
        SignInOrTwoFactorAsync(user, isPersistent);
}
