using System.Reflection;
using Club.Domain.Members;
using Microsoft.AspNetCore.Identity;

namespace Club.Infrastructure.Identity;

/// <summary>
/// Refuses the passwords an attacker tries first: the 10,000 most common ones of sufficient length
/// (Identity/Passwords/common-passwords.txt, source and licence beside it) and any containing the
/// local part of the member's email. Length itself is Identity's own RequiredLength.
/// </summary>
public sealed class ClubPasswordValidator : IPasswordValidator<ClubUser>
{
    public const string TooCommon = "PasswordTooCommon";
    public const string ContainsEmail = "PasswordContainsEmail";

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public Task<IdentityResult> ValidateAsync(UserManager<ClubUser> manager, ClubUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = TooCommon, Description = "This password is one of the most common ones." });
        }

        var local = (user.Email ?? "").Split('@')[0];
        if (local.Length >= PasswordRules.MinEmailPartChecked && password.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = ContainsEmail, Description = "The password contains the email." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password);

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Club.Infrastructure.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in Club.Infrastructure.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
