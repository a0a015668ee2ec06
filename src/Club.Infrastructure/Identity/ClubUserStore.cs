using System.Security.Cryptography;
using System.Text;
using Club.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Club.Infrastructure.Identity;

/// <summary>
/// Identity's EF user store, but recovery codes are kept as hashes: Identity stores them as typed, so a
/// copy of the database would hold every staff member's second factor. SHA-256 with the user's id as salt
/// is enough here: the codes are random (about 47 bits), single-use, and useless without the password.
/// </summary>
public sealed class ClubUserStore(ClubDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<ClubUser, IdentityRole<Guid>, ClubDbContext, Guid>(context, describer)
{
    // UserStoreBase's own names for where the codes live.
    private const string Provider = "[AspNetUserStore]";
    private const string Name = "RecoveryCodes";

    public override Task ReplaceCodesAsync(ClubUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, Name, string.Join(';', recoveryCodes.Select(code => Hash(user, code))), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(ClubUser user, string code, CancellationToken cancellationToken)
    {
        var stored = (await GetTokenAsync(user, Provider, Name, cancellationToken) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = Hash(user, code.Trim().ToUpperInvariant());
        if (!stored.Contains(hash))
        {
            return false;
        }

        await SetTokenAsync(user, Provider, Name, string.Join(';', stored.Where(h => h != hash)), cancellationToken);
        return true;
    }

    private static string Hash(ClubUser user, string code) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id:N}:{code}")));
}
