using Club.Application.Abstractions;
using Club.Application.Features.Accounts;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Members;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Staff;

/// <summary>An admin invites a staff member: an account without a password and a mailed single-use link that sets it.</summary>
public sealed record InviteStaffCommand(string? Email, string? FullName, string? Role, int? PartnerId) : ICommand<Result>;

public sealed class InviteStaffValidator : CommandValidator<InviteStaffCommand>
{
    public InviteStaffValidator()
    {
        RuleFor(c => c.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithKey("Enter the email.")
            .Must(e => e!.Trim().Length <= SignUpRules.MaxEmailLength && SignUpRules.IsEmail(e.Trim())).WithKey("Enter a valid email address.");
        RuleFor(c => c.FullName).Must(n => !string.IsNullOrWhiteSpace(n)).WithKey("Enter the name.")
            .Must(n => n!.Trim().Length <= Member.MaxNameLength).WithKey("The name is too long.");
        RuleFor(c => c.Role).Must(r => r is not null && StaffRoles.All.Contains(r)).WithKey("Choose a role.");
        RuleFor(c => c.PartnerId).NotNull().When(c => c.Role == Roles.PartnerManager).WithKey("Choose the partner this manager works for.");
    }
}

public sealed class InviteStaffHandler(IClubDbFactory dbFactory, IStaffAccounts accounts, StaffInvitations invitations, IAuditTrail audit)
    : ICommandHandler<InviteStaffCommand, Result>
{
    public async ValueTask<Result> Handle(InviteStaffCommand command, CancellationToken cancellationToken)
    {
        var partnerId = command.Role == Roles.PartnerManager ? command.PartnerId : null;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (partnerId is { } id && !await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Result.Fail("Choose the partner this manager works for.", nameof(command.PartnerId));
        }

        var email = command.Email!.Trim();
        var created = await accounts.CreateAsync(new NewStaff(email, command.FullName!.Trim(), command.Role!, partnerId), cancellationToken);
        if (created.UserId is not { } userId)
        {
            return Result.Fail(created.Error!, nameof(command.Email));
        }

        // The account is committed by Identity on its own connection; its log row follows.
        await audit.RecordAsync(
            new AuditChange("staff.invite", "staff", userId.ToString(), null, new { command.Role, PartnerId = partnerId }, userId, email),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await invitations.MailAsync(userId, command.Role!, cancellationToken);
        return Result.Ok;
    }
}
