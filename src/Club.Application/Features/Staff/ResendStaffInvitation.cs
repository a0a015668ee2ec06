using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;

namespace Club.Application.Features.Staff;

/// <summary>An admin mails a new invitation link (lost mail, expired link, forgotten before enrolling).</summary>
public sealed record ResendStaffInvitationCommand(Guid UserId) : ICommand<Result>;

public sealed class ResendStaffInvitationHandler(IClubDbFactory dbFactory, StaffInvitations invitations, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<ResendStaffInvitationCommand, Result>
{
    public async ValueTask<Result> Handle(ResendStaffInvitationCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var staff = await StaffRoles.StateAsync(db, command.UserId, cancellationToken) ?? throw new NotFoundException("No such staff account.");
        if (!staff.Active)
        {
            return Result.Fail("Reactivate the account before inviting it again.");
        }

        await invitations.MailAsync(command.UserId, staff.Role, cancellationToken);
        // The account does not change: the row says who was invited again as what, never the link.
        var account = new { staff.Role, staff.PartnerId, staff.Active };
        await audit.RecordAsync(new AuditChange("staff.reinvite", "staff", command.UserId.ToString(), account,
            new { account.Role, account.PartnerId, account.Active, InvitedAt = clock.GetUtcNow() }, command.UserId, staff.Email), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
