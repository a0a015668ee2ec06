namespace Club.Application.Abstractions;

public enum SignInOutcome
{
    SignedIn,

    /// <summary>The password was right; the authenticator code comes next (a partial sign-in cookie is set).</summary>
    NeedsSecondFactor,

    /// <summary>Wrong email or password, or an email not confirmed yet: one answer, so nobody learns which.</summary>
    Failed,

    /// <summary>Too many wrong second-factor codes (only someone with the password gets that far).</summary>
    LockedOut,

    /// <summary>Too many wrong passwords for this email from browsers it was never used on; nothing was checked.</summary>
    TooManyAttempts,

    /// <summary>The password was right, but the account is deactivated (by staff): nobody signs in with it until it is reactivated.</summary>
    Deactivated,

    /// <summary>Too many sign-ins at this moment: the password was not checked (nothing counted); try again in a few seconds.</summary>
    Busy,
}

/// <summary>
/// The sign-in accounts (ASP.NET Core Identity in Infrastructure) as the account use cases need them:
/// sessions of the current request, passwords, second factors. Pages reach it only through the
/// commands in Features/Accounts.
/// </summary>
public interface IAccounts
{
    /// <summary>
    /// Checks the password and signs in (or starts the second-factor step). Takes the same time whether
    /// or not the email belongs to an account: a missing account still runs the password hasher.
    /// </summary>
    Task<SignInOutcome> SignInWithPasswordAsync(string email, string password, bool remember, CancellationToken cancellationToken);

    /// <summary>
    /// Whom wrong passwords for this typed email are counted against: the email itself, or, in a browser
    /// where this email has signed in before, that browser and email apart, so strangers who use up the
    /// email's attempts do not lock its owner out of their own devices.
    /// </summary>
    string SignInFailurePartition(string email);

    /// <summary>The second step: a 6-digit code from the authenticator app, or one of the recovery codes.</summary>
    Task<SignInOutcome> SignInWithSecondFactorAsync(string code, bool remember, CancellationToken cancellationToken);

    /// <summary>The signed-in member's authenticator: whether it is on, and the key to enrol (made when missing).</summary>
    Task<AuthenticatorSetup> GetAuthenticatorSetupAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Turns the authenticator on when <paramref name="code"/> proves the app has the key, and returns the
    /// recovery codes (shown once, stored hashed); null for a wrong code. The session becomes a two-factor one.
    /// </summary>
    Task<IReadOnlyList<string>?> EnableAuthenticatorAsync(string code, CancellationToken cancellationToken);

    /// <summary>Mails a password-reset link when the email has an account; does nothing (and says nothing) otherwise.</summary>
    Task SendPasswordResetAsync(string email, CancellationToken cancellationToken);

    /// <summary>Sets a new password with a mailed code; the error message keys, empty on success.</summary>
    Task<IReadOnlyList<string>> ResetPasswordAsync(string email, string code, string newPassword, CancellationToken cancellationToken);

    /// <summary>Ends the current session everywhere: the member's security stamp changes, so a copy of the cookie stops working too.</summary>
    Task SignOutAsync(CancellationToken cancellationToken);

    /// <summary>What is wrong with a new password for this email (length, common, contains the email); empty when it will do.</summary>
    Task<IReadOnlyList<string>> CheckNewPasswordAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>
    /// The first step of joining, with the same effect for a stranger whether or not the email or phone
    /// is taken: a free email gets a link that creates the account; the owner of a taken email or phone
    /// gets a mail saying someone tried, and how to sign in or reset the password. Takes as long either way.
    /// </summary>
    Task StartSignUpAsync(NewMember member, string password, string returnUrl, CancellationToken cancellationToken);

    /// <summary>
    /// The mailed link: with the password chosen in the form typed again, creates the account as it was
    /// filled in and signs it in, unless the email or phone has been taken since.
    /// </summary>
    Task<SignUpCompletion> CompleteSignUpAsync(string token, string password, CancellationToken cancellationToken);
}

/// <summary>
/// Who joins, as the sign-up form gave it, checked: the phone in E.164, the role, and for a seller the
/// shop (with its partner), position and birthday; <paramref name="Marketing"/>: the optional marketing consent was ticked;
/// <paramref name="Invitation"/>: a member's invitation code from the link, with the form's visitor hash (self-invitation evidence).
/// </summary>
public sealed record NewMember(
    string Email, string Phone, string FullName, string Role, string Culture,
    int? PartnerId = null, int? ShopId = null, string? Position = null, DateOnly? Birthday = null, bool Marketing = false,
    string? Invitation = null, byte[]? VisitorHash = null);

public enum SignUpOutcome
{
    SignedIn,

    /// <summary>The link was used before (the account exists): sign in.</summary>
    AlreadyJoined,

    /// <summary>The phone number belongs to another account; told only to someone who has opened the mail sent to their own address.</summary>
    PhoneTaken,

    /// <summary>Forged, damaged or older than <c>SignUpLinkLifetime</c>.</summary>
    InvalidLink,

    /// <summary>
    /// Not the password chosen in the form: whoever filled the form in with someone else's email cannot
    /// have the mailbox's owner make the account for them, nor the link sign its opener into a stranger's account.
    /// </summary>
    WrongPassword,
}

/// <summary>The outcome of the mailed link and, once signed in, the local address to go to.</summary>
/// <summary>How a sign-up link ended; a new account's member id and role when one was made.</summary>
/// <summary>Invitation and VisitorHash: the invitation code the sign-up came with and the sign-up form's visitor hash.</summary>
public sealed record SignUpCompletion(
    SignUpOutcome Outcome, string ReturnUrl = "/cabinet", Guid? MemberId = null, string? Role = null, string? Invitation = null, byte[]? VisitorHash = null);

/// <summary>What the enrolment page shows: the key as text and as a QR code (inline SVG markup) of its otpauth:// link.</summary>
public sealed record AuthenticatorSetup(bool Enabled, string Key, string QrCodeSvg);

/// <summary>The "amr" (authentication method) claim of a session; "mfa" once the second factor was passed.</summary>
public static class SignInMethods
{
    public const string ClaimType = "amr";
    public const string MultiFactor = "mfa";
}
