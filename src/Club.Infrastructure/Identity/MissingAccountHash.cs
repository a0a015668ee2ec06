using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Club.Infrastructure.Identity;

/// <summary>
/// A hash of a random password, made once per site by the site's own hasher: a sign-in for a missing
/// account is checked against it, so it costs as much as one for an existing account. Held by the site
/// (a singleton), not the process, so two sites in one process with different hashers (tests) each get
/// a hash of their own cost.
/// </summary>
public sealed class MissingAccountHash
{
    private static readonly ClubUser Nobody = new() { Id = Guid.Empty, SecurityStamp = "" };
    private string? hash;

    /// <summary>Runs the hasher against the dummy hash; always false.</summary>
    public bool Verify(IPasswordHasher<ClubUser> hasher, string password)
    {
        hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(Nobody, hash, password);
        return false;
    }
}
