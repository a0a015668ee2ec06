using Club.Application.Abstractions;
using Club.Application.Features.Accounts;
using Club.Application.Features.Audit;
using Club.Domain.Members;
using Mediator;

namespace Club.Application.Features.Staff;

/// <summary>
/// The command line's create-admin on a database without an administrator: the account, and the
/// single-use link that sets its password, printed instead of mailed (there may be no mail yet).
/// </summary>
public sealed record CreateFirstAdminCommand(string? Email, string? FullName = null) : ICommand<FirstAdminResult>;

public sealed record FirstAdminResult(string? Link, string? Error);

public sealed class CreateFirstAdminHandler(IClubDbFactory dbFactory, IStaffAccounts accounts, IAuditTrail audit)
    : ICommandHandler<CreateFirstAdminCommand, FirstAdminResult>
{
    public async ValueTask<FirstAdminResult> Handle(CreateFirstAdminCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email?.Trim() ?? "";
        if (email.Length is 0 or > SignUpRules.MaxEmailLength || !SignUpRules.IsEmail(email))
        {
            return new FirstAdminResult(null, "Give the administrator's email: create-admin --email admin@example.com");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Under the staff lock: two create-admin runs at once make one administrator.
        await StaffRoles.LockAsync(db, cancellationToken);
        if (await StaffRoles.OtherActiveAdminsAsync(db, Guid.Empty, cancellationToken) > 0)
        {
            return new FirstAdminResult(null, "This database has an administrator already; they invite more staff at /manage/staff.");
        }

        // A lost link before anyone signed in: the same command prints a fresh one for the invited admin.
        if (await StaffRoles.InvitedAdminAsync(db, email, cancellationToken) is { } invited)
        {
            return new FirstAdminResult(await accounts.InvitationLinkAsync(invited, cancellationToken), null);
        }

        if (await StaffRoles.AnyAdminAsync(db, cancellationToken))
        {
            return new FirstAdminResult(null, "An administrator with another email has been invited already; run create-admin with that email for a fresh link.");
        }

        var name = string.IsNullOrWhiteSpace(command.FullName) ? email.Split('@')[0] : command.FullName.Trim();
        var created = await accounts.CreateAsync(new NewStaff(email, name, Roles.Admin, null), cancellationToken);
        if (created.UserId is not { } userId)
        {
            return new FirstAdminResult(null, created.Error);
        }

        await audit.RecordAsync(new AuditChange("staff.create-admin", "staff", userId.ToString(), null, new { Role = Roles.Admin }, userId, email), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FirstAdminResult(await accounts.InvitationLinkAsync(userId, cancellationToken), null);
    }
}
