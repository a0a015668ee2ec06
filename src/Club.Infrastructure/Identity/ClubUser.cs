using Club.Domain.Members;
using Microsoft.AspNetCore.Identity;

namespace Club.Infrastructure.Identity;

/// <summary>
/// The sign-in account of a member (email, phone, password hash, lockout). Shares its id with the
/// <see cref="Member"/> profile, and both are created in one SaveChanges, so neither exists alone.
/// </summary>
public sealed class ClubUser : IdentityUser<Guid>
{
    public Member? Member { get; set; }

    /// <summary>Set when staff deactivate the account (staff page or member desk): sign-in is refused and its sessions end.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>The last completed sign-in (after the second factor when there is one), for the staff page.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }
}
