using Club.Application.Features.Privacy;
using Club.Domain.Members;
using Club.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Club.Infrastructure.Identity;

public sealed record NewAccount(
    string Email,
    string Phone,
    string Password,
    string FullName,
    string Role,
    int? PartnerId = null,
    int? ShopId = null,
    string Culture = "ru",
    string? Position = null,
    DateOnly? Birthday = null,
    SellerStatus? SellerStatus = null,
    bool MarketingConsent = false);

/// <summary>The outcome of creating an account; errors are English message keys the UI translates.</summary>
public sealed record AccountResult(ClubUser? User, IReadOnlyList<string> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Creates accounts: the Identity user and the member profile in one SaveChanges, with the phone
/// normalised and email/phone uniqueness enforced by the database even under simultaneous sign-ups.
/// </summary>
public sealed class MemberAccounts(UserManager<ClubUser> users, ClubDbContext db, TimeProvider clock)
{
    /// <summary>Creates an account with a password checked by Identity's rules (demo data, tests).</summary>
    public Task<AccountResult> CreateAsync(NewAccount account) => CreateAsync(account, user => users.CreateAsync(user, account.Password));

    /// <summary>
    /// Creates the account of a confirmed sign-up: its password was checked and hashed when the form was
    /// sent, and the mailed link proved the email.
    /// </summary>
    public Task<AccountResult> CreateConfirmedAsync(NewAccount account, string passwordHash) => CreateAsync(account, user =>
    {
        user.PasswordHash = passwordHash;
        user.EmailConfirmed = true;
        return users.CreateAsync(user);
    });

    private async Task<AccountResult> CreateAsync(NewAccount account, Func<ClubUser, Task<IdentityResult>> create)
    {
        if (!PhoneNumber.TryNormalize(account.Phone, out var phone))
        {
            return Fail("Enter a phone number with its area code, e.g. +7 916 123-45-67.");
        }

        if (await users.Users.AnyAsync(u => u.PhoneNumber == phone))
        {
            return Fail("An account with this phone number already exists. Sign in or reset your password.");
        }

        var id = Guid.CreateVersion7();
        var email = account.Email.Trim();
        var user = new ClubUser
        {
            Id = id,
            UserName = email,
            Email = email,
            PhoneNumber = phone,
            Member = new Member
            {
                Id = id,
                FullName = account.FullName.Trim(),
                PartnerId = account.PartnerId,
                ShopId = account.ShopId,
                Culture = account.Culture,
                Position = string.IsNullOrWhiteSpace(account.Position) ? null : account.Position.Trim(),
                Birthday = account.Birthday,
                // Every seller starts waiting for the program manager's call, unless told otherwise (demo data).
                SellerStatus = account.Role == Roles.Seller ? account.SellerStatus ?? SellerStatus.Pending : null,
                ConsentedAt = clock.GetUtcNow(),
                JoinedAt = clock.GetUtcNow(),
            },
        };

        // The user row and its role go together; join the caller's transaction when there is one (seeding).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        IdentityResult created;
        try
        {
            created = await create(user);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone signed up with the same email or phone a moment ago.
            return Fail("An account with this email or phone number already exists. Sign in or reset your password.");
        }

        if (!created.Succeeded)
        {
            return new AccountResult(null, created.Errors.Select(IdentityErrors.Describe).ToList());
        }

        var inRole = await users.AddToRoleAsync(user, account.Role);
        if (!inRole.Succeeded)
        {
            throw new InvalidOperationException($"Role {account.Role}: {string.Join("; ", inRole.Errors.Select(e => e.Description))}");
        }

        // Joining accepts the current rules and privacy policy; the marketing consent is as ticked.
        await ConsentRecords.RecordSignUpAsync(db.Database, id, account.MarketingConsent, clock.GetUtcNow(), CancellationToken.None);
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        return new AccountResult(user, []);
    }

    private static AccountResult Fail(string error) => new(null, [error]);
}
