using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Club.Infrastructure.Identity;

/// <summary>
/// Staff invitations: a data-protected token valid for 72 hours (a password reset lives one day). It
/// carries the security stamp, and setting the password changes the stamp, so a link works once.
/// </summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<InvitationTokenOptions> options,
    ILogger<DataProtectorTokenProvider<ClubUser>> logger)
    : DataProtectorTokenProvider<ClubUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "staff-invitation";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);
}

public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = InvitationTokenProvider.Lifetime;
    }
}
