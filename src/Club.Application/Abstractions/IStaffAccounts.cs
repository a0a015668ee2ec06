namespace Club.Application.Abstractions;

/// <summary>
/// Staff accounts as the back office needs them from ASP.NET Core Identity (in Infrastructure): an
/// account made without a password, and the single-use invitation link that sets it. Role changes,
/// deactivation and the list are plain statements in the Staff handlers, under the staff lock.
/// </summary>
public interface IStaffAccounts
{
    /// <summary>Creates the user, its member profile and its role, with no password; an error key when the email is taken.</summary>
    Task<StaffCreation> CreateAsync(NewStaff staff, CancellationToken cancellationToken);

    /// <summary>The absolute link (from the public address) that sets the password: single use, 72 hours.</summary>
    Task<string> InvitationLinkAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Sets the first password with the link's code; the error message key, or null when done.</summary>
    Task<string?> AcceptInvitationAsync(Guid userId, string code, string password, CancellationToken cancellationToken);
}

public sealed record NewStaff(string Email, string FullName, string Role, int? PartnerId);

public sealed record StaffCreation(Guid? UserId, string? Error);
