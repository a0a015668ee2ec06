namespace Club.Domain.Members;

/// <summary>
/// Length only, no composition rules (OWASP ASVS 2.1, NIST SP 800-63B): long passwords, checked
/// against the common-password list and the member's own email, rather than "a digit and a letter".
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>Shorter local parts ("a@…") would refuse half the dictionary for no gain.</summary>
    public const int MinEmailPartChecked = 3;
}
