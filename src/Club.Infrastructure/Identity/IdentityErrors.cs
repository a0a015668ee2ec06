using Microsoft.AspNetCore.Identity;

namespace Club.Infrastructure.Identity;

/// <summary>Identity's own descriptions are English only; the ones members can meet become our message keys.</summary>
public static class IdentityErrors
{
    public static string Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
            "An account with this email already exists. Sign in or reset your password.",
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "Enter a valid email address.",
        nameof(IdentityErrorDescriber.PasswordTooShort) => "The password must be at least 10 characters long.",
        ClubPasswordValidator.TooCommon => "This password is one of the most common ones and is tried first by attackers. Choose another.",
        ClubPasswordValidator.ContainsEmail => "The password must not contain your email address.",
        nameof(IdentityErrorDescriber.InvalidToken) =>
            "This link has expired or was already used. Ask for a new one on the \"Forgot your password?\" page.",
        _ => error.Description,
    };
}
