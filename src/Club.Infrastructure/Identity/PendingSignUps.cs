using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Identity;

/// <summary>
/// Sign-up in two steps, so the form never tells a stranger whether an email or phone belongs to a
/// member. The form's answer is always "check your email"; a free email gets a link holding the filled-in
/// form (the password already hashed), protected and valid for <see cref="LinkLifetime"/>, and no account
/// exists until the link is used with the same password typed again (so a form filled in with someone
/// else's email cannot make an account with a password its filler knows); the owner of a taken email or phone gets a "someone tried" mail instead.
/// Nothing is stored in between, so a form sent and never confirmed leaves no trace. docs/security.md, "Sign-up".
/// </summary>
public sealed class PendingSignUps(
    UserManager<ClubUser> users,
    IPasswordHasher<ClubUser> hasher,
    MemberAccounts accounts,
    IDataProtectionProvider protection,
    IMailOutbox outbox,
    IMailSender sender,
    MailTemplates templates,
    IPublicAddress publicAddress,
    SignUpMails mails,
    TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Club.SignUp").ToTimeLimitedDataProtector();

    /// <summary>Hashes, looks up and hands the mail to <see cref="SignUpMails"/>: the same work, and so the same time, whoever owns the email.</summary>
    public async Task StartAsync(NewMember member, string password, string returnUrl, CancellationToken cancellationToken)
    {
        // Hashed whoever owns the email: a taken address costs the same time as a free one.
        var passwordHash = hasher.HashPassword(new ClubUser { Email = member.Email }, password);
        var email = users.NormalizeEmail(member.Email);
        var owners = await users.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == email || u.PhoneNumber == member.Phone)
            .Select(u => new { u.Id, u.NormalizedEmail })
            .ToListAsync(cancellationToken);

        // One "someone tried" mail a day per member at most: repeated tries must not flood a member's mailbox.
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var owner in owners)
        {
            mails.Send(ct => outbox.EnqueueAsync($"sign-up-attempt:{owner.Id}:{day}", new MemberMail(owner.Id, "SignUpAttempt", new Dictionary<string, string>()), ct));
        }

        if (owners.Any(o => o.NormalizedEmail == email))
        {
            return;
        }

        var token = Protector.Protect(JsonSerializer.Serialize(new PendingSignUp(member, passwordHash, returnUrl)), LinkLifetime);
        var link = publicAddress.Link("/account/confirm-sign-up?token=" + Uri.EscapeDataString(token));
        // Straight to the sender, not the outbox: the outbox mails members, and this address is not one yet.
        var confirmation = templates.Render("SignUpConfirm", member.Culture, member.Email,
            new Dictionary<string, string> { ["Name"] = member.FullName, ["Link"] = link });
        mails.Send(ct => sender.SendAsync(confirmation, ct));
    }

    /// <summary>Creates the account of a valid link opened with the password chosen in the form; the created user, or why not.</summary>
    public async Task<(ClubUser? User, SignUpCompletion Completion)> CompleteAsync(string token, string password)
    {
        PendingSignUp? pending;
        try
        {
            pending = JsonSerializer.Deserialize<PendingSignUp>(Protector.Unprotect(token, out _));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            pending = null;
        }

        if (pending is null)
        {
            return (null, new SignUpCompletion(SignUpOutcome.InvalidLink));
        }

        var member = pending.Member;
        // The mail alone proves only the mailbox: the password proves it is the one who filled the form in.
        if (hasher.VerifyHashedPassword(new ClubUser { Email = member.Email }, pending.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return (null, new SignUpCompletion(SignUpOutcome.WrongPassword));
        }

        if (await users.FindByEmailAsync(member.Email) is not null)
        {
            return (null, new SignUpCompletion(SignUpOutcome.AlreadyJoined));
        }

        if (await users.Users.AnyAsync(u => u.PhoneNumber == member.Phone))
        {
            return (null, new SignUpCompletion(SignUpOutcome.PhoneTaken));
        }

        var created = await accounts.CreateConfirmedAsync(
            new NewAccount(member.Email, member.Phone, "", member.FullName, member.Role, member.PartnerId, member.ShopId, member.Culture, member.Position, member.Birthday, MarketingConsent: member.Marketing),
            pending.PasswordHash);
        // Not created: the same link or the same details were used a moment ago.
        return created.Succeeded
            ? (created.User, new SignUpCompletion(SignUpOutcome.SignedIn, pending.ReturnUrl, created.User!.Id, member.Role, member.Invitation, member.VisitorHash))
            : (null, new SignUpCompletion(SignUpOutcome.AlreadyJoined));
    }

    private sealed record PendingSignUp(NewMember Member, string PasswordHash, string ReturnUrl);
}
