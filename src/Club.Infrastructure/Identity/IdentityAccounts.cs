using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Accounts;
using Club.Infrastructure.Labels;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using QRCoder;

namespace Club.Infrastructure.Identity;

/// <summary>The account port on ASP.NET Core Identity, for the request in progress.</summary>
public sealed class IdentityAccounts(
    UserManager<ClubUser> users,
    ClubSignInManager signIn,
    IPasswordHasher<ClubUser> hasher,
    IDataProtectionProvider protection,
    IAccountMails mail,
    IPublicAddress publicAddress,
    PendingSignUps signUps,
    IUserStore<ClubUser> store,
    PasswordCheckGate gate,
    MissingAccountHash missingAccountHash) : IAccounts
{
    private const string DeviceCookie = "club.device";
    private const int RecoveryCodeCount = 10;
    private const int DeviceEmailsKept = 5;

    private IDataProtector DeviceProtector => protection.CreateProtector("Club.KnownDevice");

    private HttpContext Http => signIn.Context;

    public async Task<SignInOutcome> SignInWithPasswordAsync(string email, string password, bool remember, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        // Only the hash waits for the gate: the reads and writes around it run side by side, and a missing
        // account queues for the dummy hash like any other (same wait, same answer time).
        var passwordRight = await gate.RunAsync(() => user is null ? VerifyNobodyAsync(password) : users.CheckPasswordAsync(user, password), cancellationToken);
        if (passwordRight is not { } right)
        {
            return SignInOutcome.Busy;
        }

        // The hasher runs before any other check, so an unconfirmed or locked account answers as fast as any.
        if (user is null || !right)
        {
            return SignInOutcome.Failed;
        }

        // Only the one who knows the password learns the account is deactivated, and why they cannot sign in.
        if (user.DeactivatedAt is not null)
        {
            return SignInOutcome.Deactivated;
        }

        if (!await signIn.CanSignInAsync(user))
        {
            return SignInOutcome.Failed;
        }

        if (await users.IsLockedOutAsync(user))
        {
            return SignInOutcome.LockedOut;
        }

        RememberDevice(email);
        var result = await signIn.SignInAfterPasswordCheckAsync(user, remember);
        return result.RequiresTwoFactor ? SignInOutcome.NeedsSecondFactor : result.Succeeded ? SignInOutcome.SignedIn : SignInOutcome.Failed;
    }

    /// <summary>A missing account is checked against a dummy hash, so it costs as much as a wrong password.</summary>
    private Task<bool> VerifyNobodyAsync(string password) => Task.FromResult(missingAccountHash.Verify(hasher, password));

    public string SignInFailurePartition(string email)
    {
        var emailKey = EmailKey(email);
        return ReadDevice() is { } device && device.Emails.Contains(emailKey) ? $"device:{device.Id}:{emailKey}" : $"email:{emailKey}";
    }

    public async Task<SignInOutcome> SignInWithSecondFactorAsync(string code, bool remember, CancellationToken cancellationToken)
    {
        // Six digits come from the app; anything else is tried as a recovery code (XXXXX-XXXXX).
        var digits = code.Replace(" ", "", StringComparison.Ordinal);
        var result = digits.Length == 6 && digits.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(digits, remember, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        return result.Succeeded ? SignInOutcome.SignedIn : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
    }

    public async Task<AuthenticatorSetup> GetAuthenticatorSetupAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: it renews the security stamp, which signed the member out of every
            // session (this one too) a minute after first opening this page. A key not yet enabled protects nothing.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<ClubUser>)store).SetAuthenticatorKeyAsync(user, key, cancellationToken);
            await users.UpdateAsync(user);
        }

        var email = await users.GetEmailAsync(user) ?? "";
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Club:" + email)}?secret={key}&issuer=Club&digits=6";
        return new AuthenticatorSetup(await users.GetTwoFactorEnabledAsync(user), FormatKey(key), QrSvg(uri));
    }

    public async Task<IReadOnlyList<string>?> EnableAuthenticatorAsync(string code, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        // The session now counts as two-factor: staff pages open without signing in again.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SignInMethods.ClaimType, SignInMethods.MultiFactor)]);
        return recoveryCodes.ToList();
    }

    public async Task SendPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (user?.Email is null)
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        // From the configured address, never the request's Host: a forged Host would mail the code elsewhere.
        var link = publicAddress.Link(QueryHelpers.AddQueryString("/account/reset-password",
            new Dictionary<string, string?> { ["email"] = user.Email, ["code"] = code }));
        await mail.SendPasswordResetLinkAsync(user.Email, link, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ResetPasswordAsync(string email, string code, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            token = "";
        }

        var result = user is null || token.Length == 0
            ? IdentityResult.Failed(new IdentityErrorDescriber().InvalidToken())
            : await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            // An invalid link says so alone; otherwise what is wrong with the new password.
            var invalidLink = result.Errors.FirstOrDefault(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            return [IdentityErrors.Describe(invalidLink ?? result.Errors.First())];
        }

        // Whoever forgot the password may have been locked out by wrong codes; the new password unlocks it.
        await users.SetLockoutEndDateAsync(user!, null);
        await users.ResetAccessFailedCountAsync(user!);
        return [];
    }

    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        // A new stamp invalidates every cookie issued before it, at the next validation (at most a minute).
        if (await users.GetUserAsync(Http.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }

    public async Task<IReadOnlyList<string>> CheckNewPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = new ClubUser { Email = email, UserName = email };
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(IdentityErrors.Describe));
        }

        return problems;
    }

    public Task StartSignUpAsync(NewMember member, string password, string returnUrl, CancellationToken cancellationToken) =>
        signUps.StartAsync(member, password, returnUrl, cancellationToken);

    public async Task<SignUpCompletion> CompleteSignUpAsync(string token, string password, CancellationToken cancellationToken)
    {
        var (user, completion) = await signUps.CompleteAsync(token, password);
        if (user is not null)
        {
            await signIn.SignInAsync(user, isPersistent: true);
        }

        return completion;
    }

    /// <summary>Inline SVG, one path of the dark runs: no image URL for a content policy to allow, sharp at any size.</summary>
    private static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        var modules = QrModules.Encode(generator, text, QRCodeGenerator.ECCLevel.M);
        var path = new StringBuilder();
        foreach (var (row, column, length) in modules.Runs)
        {
            path.Append(CultureInfo.InvariantCulture, $"M{column},{row}h{length}v1h-{length}z");
        }

        // Hidden from screen readers: the page prints the same key as text right under the picture.
        return $"""<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {modules.Size} {modules.Size}" width="220" height="220" aria-hidden="true" focusable="false" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="{path}"/></svg>""";
    }

    private async Task<ClubUser> CurrentUserAsync() =>
        await users.GetUserAsync(Http.User) ?? throw new InvalidOperationException("No member is signed in.");

    /// <summary>Groups of four, lower case, as authenticator apps show keys typed by hand.</summary>
    private static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(chunk => new string(chunk)));

    /// <summary>The typed email as uniqueness sees it (case-insensitive), hashed: the cookie names no address.</summary>
    private string EmailKey(string email) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(users.NormalizeEmail(email.Trim()) ?? "")).AsSpan(0, 12));

    /// <summary>Marks this browser as one the email signed in on: a protected cookie with a random id and the email hashes.</summary>
    private void RememberDevice(string email)
    {
        var device = ReadDevice() ?? new KnownDevice(Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), []);
        var emails = device.Emails.Where(e => e != EmailKey(email)).Prepend(EmailKey(email)).Take(DeviceEmailsKept);
        var value = DeviceProtector.Protect(device.Id + "|" + string.Join(',', emails));
        Http.Response.Cookies.Append(DeviceCookie, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = Http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
    }

    private KnownDevice? ReadDevice()
    {
        if (!Http.Request.Cookies.TryGetValue(DeviceCookie, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = DeviceProtector.Unprotect(value).Split('|');
            return parts.Length == 2 ? new KnownDevice(parts[0], parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)) : null;
        }
        catch (CryptographicException)
        {
            // Forged, or from keys that are gone: an unknown browser.
            return null;
        }
    }

    private sealed record KnownDevice(string Id, IReadOnlyList<string> Emails);
}
