using Club.Application.Abstractions;
using Club.Application.Validation;
using Club.Domain.Members;
using FluentValidation;

namespace Club.Application.Features.Accounts;

/// <summary>The fields both sign-up forms share, with their one message each.</summary>
public interface ISignUpFields
{
    string? FullName { get; }
    string? Email { get; }
    string? Phone { get; }
    string? Password { get; }
    bool Consent { get; }
}

public static class SignUpRules
{
    public const int MaxEmailLength = 256;

    /// <summary>Mails one typed email can be sent by sign-ups an hour: joining twice is normal, a hundred times is someone's mailbox being flooded.</summary>
    public static readonly RateLimitRule MailsPerEmail = new("sign-up-mail", 5, TimeSpan.FromHours(1));

    public static void AddSignUpFieldRules<T>(this CommandValidator<T> validator)
        where T : ISignUpFields
    {
        validator.RuleFor(c => c.FullName).Must(n => !string.IsNullOrWhiteSpace(n)).WithKey("Enter your name.")
            .Must(n => n!.Trim().Length <= Member.MaxNameLength).WithKey("The name is too long.");
        validator.RuleFor(c => c.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithKey("Enter your email.")
            .Must(e => e!.Trim().Length <= MaxEmailLength).WithKey("The email is too long.")
            .Must(e => IsEmail(e!.Trim())).WithKey("Enter a valid email address.");
        validator.RuleFor(c => c.Phone).Must(p => !string.IsNullOrWhiteSpace(p)).WithKey("Enter your phone number.")
            .Must(p => PhoneNumber.TryNormalize(p, out _)).WithKey("Enter a phone number with its area code, e.g. +7 916 123-45-67.");
        validator.RuleFor(c => c.Password).Must(p => !string.IsNullOrEmpty(p)).WithKey("Choose a password.")
            .Must(p => p!.Length is >= PasswordRules.MinLength and <= PasswordRules.MaxLength).WithKey("The password must be at least 10 characters long.");
        validator.RuleFor(c => c.Consent).Equal(true).WithKey("Please agree to the processing of personal data to join.");
    }

    /// <summary>
    /// Checks the password against the account rules, then mails the link or the "someone tried" notice
    /// (at most <see cref="MailsPerEmail"/> an hour per typed email). The answer is the same either way.
    /// </summary>
    public static async Task<Result> StartAsync(IAccounts accounts, IRateLimiter limiter, NewMember member, string password, string returnUrl, CancellationToken cancellationToken)
    {
        var problems = await accounts.CheckNewPasswordAsync(member.Email, password, cancellationToken);
        if (problems.Count > 0)
        {
            return Result.Fail(problems[0], nameof(ISignUpFields.Password));
        }

        var mails = await limiter.HitAsync([new RateLimitHit(MailsPerEmail, member.Email.ToUpperInvariant())], cancellationToken);
        if (mails.Allowed)
        {
            await accounts.StartSignUpAsync(member, password, returnUrl, cancellationToken);
        }

        return Result.Ok;
    }

    /// <summary>One @ with something either side and no spaces: the mailed link is the real check.</summary>
    internal static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
