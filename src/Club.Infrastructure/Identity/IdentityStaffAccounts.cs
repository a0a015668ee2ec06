using System.Text;
using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Club.Infrastructure.Identity;

internal sealed class IdentityStaffAccounts(UserManager<ClubUser> users, ClubDbContext db, IPublicAddress publicAddress, TimeProvider clock)
    : IStaffAccounts
{
    public async Task<StaffCreation> CreateAsync(NewStaff staff, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var email = staff.Email.Trim();
        var now = clock.GetUtcNow();
        var user = new ClubUser
        {
            Id = id,
            UserName = email,
            Email = email,
            // The invitation link is mailed to this address: opening it proves the address.
            EmailConfirmed = false,
            Member = new Member { Id = id, FullName = staff.FullName.Trim(), PartnerId = staff.PartnerId, JoinedAt = now },
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new StaffCreation(null, "An account with this email already exists.");
        }

        if (!created.Succeeded)
        {
            return new StaffCreation(null, created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
                ? "An account with this email already exists."
                : IdentityErrors.Describe(created.Errors.First()));
        }

        var role = await users.AddToRoleAsync(user, staff.Role);
        if (!role.Succeeded)
        {
            throw new InvalidOperationException($"Could not give the role {staff.Role}: {role.Errors.First().Description}");
        }

        await transaction.CommitAsync(cancellationToken);
        return new StaffCreation(id, null);
    }

    public async Task<string> InvitationLinkAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("No such account.");
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return publicAddress.Link(QueryHelpers.AddQueryString("/account/accept-invitation",
            new Dictionary<string, string?> { ["user"] = userId.ToString(), ["code"] = code }));
    }

    public async Task<string?> AcceptInvitationAsync(Guid userId, string code, string password, CancellationToken cancellationToken)
    {
        const string invalid = "This invitation link is not valid any more. Ask the administrator for a new one.";
        var user = await users.FindByIdAsync(userId.ToString());
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return invalid;
        }

        if (user is null || user.DeactivatedAt is not null
            || !await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token))
        {
            return invalid;
        }

        // Sets or replaces the password: an admin may re-invite someone who forgot theirs before enrolling.
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!reset.Succeeded)
        {
            return IdentityErrors.Describe(reset.Errors.First());
        }

        // ResetPassword changed the security stamp, which the invitation token carries: the link is spent.
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return null;
    }
}
